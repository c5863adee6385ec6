package dev.vigil.api.uptime;

/**
 * A monitor's uptime over a window. {@code uptimePercent} is over the monitored time (since the monitor was created,
 * less maintenance); null before the monitor's first evaluated round. Latency percentiles are of successful checks,
 * in milliseconds; null without any.
 */
public record Uptime(String window, Double uptimePercent, long downtimeSeconds, long incidents, Double p50Ms,
                     Double p95Ms, Double p99Ms) {
}
