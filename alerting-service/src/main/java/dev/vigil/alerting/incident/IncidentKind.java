package dev.vigil.alerting.incident;

/** What an incident is about. */
public enum IncidentKind {
    /** Probes confirmed the target down from enough regions. */
    DOWN,
    /** A heartbeat monitor's job did not ping within its period and grace. */
    HEARTBEAT_MISSED,
    /** A heartbeat monitor's job reported a failure ({@code /ping/{token}/fail}). */
    HEARTBEAT_FAILED
}
