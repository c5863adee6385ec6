package dev.vigil.api.incident;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public story of an incident: updates authors post (investigating, identified, monitoring, resolved), shown on
 * status pages and mailed to their subscribers. They never change the incident itself, which follows the checks.
 */
@Component
public class IncidentUpdates {

    static final Set<String> STATUSES = Set.of("investigating", "identified", "monitoring", "resolved");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentUpdates(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** An incident's updates, oldest first; 404 when the incident is not the caller's. */
    public List<IncidentUpdateView> list(ApiPrincipal caller, UUID incidentId) {
        UUID workspaceId = caller.workspaceId();
        requireIncident(workspaceId, incidentId);
        return jdbc.sql("""
                        SELECT id, status, message, author_label, created_at FROM incident_updates
                        WHERE incident_id = ? AND workspace_id = ? ORDER BY created_at, id""")
                .params(incidentId, workspaceId)
                .query((rs, n) -> new IncidentUpdateView(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("message"), rs.getString("author_label"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional
    public IncidentUpdateView post(ApiPrincipal caller, UUID incidentId, IncidentUpdateRequest request) {
        requireIncident(caller.workspaceId(), incidentId);
        FieldProblems problems = new FieldProblems();
        String status = request.status() == null ? null : request.status().strip().toLowerCase(Locale.ROOT);
        if (status == null || !STATUSES.contains(status)) {
            problems.add("status", "status must be investigating, identified, monitoring or resolved");
        }
        String message = request.message() == null || request.message().isBlank() ? null
                : problems.multiLine("message", request.message().strip(), 5000);
        if (request.message() == null || request.message().isBlank()) {
            problems.add("message", "message is required");
        }
        problems.throwIfAny();
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO incident_updates (id, incident_id, workspace_id, status, message, author_user_id,
                                                      author_label, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, incidentId, caller.workspaceId(), status, message, caller.userId(), caller.label(),
                        Timestamp.from(now))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "incident.update_posted", "INCIDENT", incidentId,
                Map.of("status", status));
        events.publishEvent(new IncidentUpdatePosted(caller.workspaceId(), incidentId, id));
        return new IncidentUpdateView(id, status, message, caller.label(), now);
    }

    private void requireIncident(UUID workspaceId, UUID incidentId) {
        boolean found = jdbc.sql("SELECT 1 FROM incidents WHERE id = ? AND workspace_id = ?")
                .params(incidentId, workspaceId).query(Integer.class).optional().isPresent();
        if (!found) {
            throw new NotFoundException("incident");
        }
    }
}
