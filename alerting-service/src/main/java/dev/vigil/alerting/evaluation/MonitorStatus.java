package dev.vigil.alerting.evaluation;

/** The evaluated status of a monitor, as stored in {@code monitors.status} (PAUSED is the API's, not ours). */
enum MonitorStatus {
    PENDING, UP, DEGRADED, DOWN
}
