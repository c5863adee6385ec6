package dev.vigil.api.dashboard.monitor;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the monitor list.
 *
 * @param uptime24h percent over the last 24 hours, null before the first evaluated round
 * @param spark     the sparkline of recent latencies, ready for an SVG
 */
record MonitorRow(UUID id, String name, String type, String target, String status, Instant lastCheck,
                         Double uptime24h, Sparkline spark) {
}
