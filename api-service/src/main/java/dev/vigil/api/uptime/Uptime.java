package dev.vigil.api.uptime;

/**
 * A monitor's uptime over a window, by the definition of {@link UptimeHistory}: {@code uptimePercent} is over the
 * monitored time (from the monitor's first evaluation, less maintenance); null while nothing of the window was
 * monitored. Latency percentiles are of successful checks, in milliseconds; null without any.
 */
public record Uptime(String window, Double uptimePercent, long downtimeSeconds, long incidents, Double p50Ms,
                     Double p95Ms, Double p99Ms) {
}
