package dev.vigil.api.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as docs/api.md shows it; {@code timeline} only on the single-incident read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(UUID id, UUID monitorId, String kind, String status, Instant startedAt,
                           Instant acknowledgedAt, Instant resolvedAt, String cause, List<String> regions,
                           List<TimelineEntry> timeline) {

    public record TimelineEntry(Instant at, String type, String message) {
    }

    IncidentView withTimeline(List<TimelineEntry> entries) {
        return new IncidentView(id, monitorId, kind, status, startedAt, acknowledgedAt, resolvedAt, cause, regions,
                List.copyOf(entries));
    }
}
