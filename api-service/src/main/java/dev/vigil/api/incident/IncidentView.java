package dev.vigil.api.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as docs/api.md shows it; {@code timeline} only on the single-incident read. A declared incident
 * (kind {@code DECLARED}) has no monitor, a {@code title}, a {@code severity} and the {@code components} it affects; a
 * monitor-opened one may carry a title of its own and the declared incident it is part of.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(UUID id, UUID monitorId, String kind, String status, Instant startedAt,
                           Instant acknowledgedAt, Instant resolvedAt, String cause, List<String> regions,
                           List<TimelineEntry> timeline, String title, String severity, UUID declaredIncidentId,
                           List<AffectedComponent> components) {

    public record TimelineEntry(Instant at, String type, String message) {
    }

    /** A status-page component a declared incident affects, with its current impact. */
    public record AffectedComponent(UUID componentId, UUID pageId, String name, String impact) {
    }

    public boolean declared() {
        return "DECLARED".equals(kind);
    }

    IncidentView withTimeline(List<TimelineEntry> entries) {
        return new IncidentView(id, monitorId, kind, status, startedAt, acknowledgedAt, resolvedAt, cause, regions,
                List.copyOf(entries), title, severity, declaredIncidentId, components);
    }

    IncidentView withComponents(List<AffectedComponent> affected) {
        return new IncidentView(id, monitorId, kind, status, startedAt, acknowledgedAt, resolvedAt, cause, regions,
                timeline, title, severity, declaredIncidentId, List.copyOf(affected));
    }
}
