package dev.vigil.api.uptime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Uptime over a calendar period for a monitor or a status-page component (through its monitor): maintenance windows
 * are neither uptime nor downtime (as everywhere in Vigil), and the incidents of the period with how long each lasted
 * within it.
 *
 * @param from             the period's start, or the monitor's creation if later
 * @param to               the period's end, or now if earlier
 * @param uptimePercent    null when nothing was monitored in the period
 * @param incidents        oldest first
 */
public record SlaReport(String subjectType, UUID subjectId, String subjectName, String period, Instant from,
                        Instant to, Double uptimePercent, long monitoredSeconds, long downtimeSeconds,
                        List<Incident> incidents) {

    /** @param durationSeconds how long it lasted within the period (until now if still open) */
    public record Incident(UUID id, String title, String kind, Instant startedAt, Instant resolvedAt,
                           long durationSeconds) {
    }
}
