package dev.vigil.api.dashboard.monitor;

import java.time.Instant;

/**
 * One check in a row's beat bar.
 *
 * @param result UP, DEGRADED or DOWN (the bar's colour)
 * @param error  why it failed, or null
 */
record Beat(Instant time, String region, int latencyMs, String result, String error) {

    static Beat of(Instant time, String region, int latencyMs, boolean ok, boolean degraded, String error) {
        return new Beat(time, region, latencyMs, !ok ? "DOWN" : degraded ? "DEGRADED" : "UP", error);
    }

    /** The tooltip without the time, which the browser adds in its own time zone (app.js). */
    public String summary() {
        return region + " · " + latencyMs + " ms · " + (error == null || error.isBlank() ? result
                : result + ": " + (error.length() > 160 ? error.substring(0, 160) + "…" : error));
    }
}
