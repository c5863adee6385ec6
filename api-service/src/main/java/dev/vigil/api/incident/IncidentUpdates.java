package dev.vigil.api.incident;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.common.json.WireJson;
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
 * status pages and mailed to their subscribers. They never change a monitor-opened incident, which follows the checks;
 * on a declared incident they change its components' impact, and {@code resolved} resolves it.
 */
@Component
public class IncidentUpdates {

    static final Set<String> STATUSES = Set.of("investigating", "identified", "monitoring", "resolved");

    private final JdbcClient jdbc;
    private final ComponentImpacts impacts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentUpdates(JdbcClient jdbc, ComponentImpacts impacts, AuditLog audit, ApplicationEventPublisher events,
                    Clock clock) {
        this.jdbc = jdbc;
        this.impacts = impacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** An incident's updates, oldest first; 404 when the incident is not the caller's. */
    public List<IncidentUpdateView> list(ApiPrincipal caller, UUID incidentId) {
        UUID workspaceId = caller.workspaceId();
        requireIncident(workspaceId, incidentId);
        return jdbc.sql("""
                        SELECT id, status, message, author_label, created_at, component_impacts::text AS impacts
                        FROM incident_updates
                        WHERE incident_id = ? AND workspace_id = ? ORDER BY created_at, id""")
                .params(incidentId, workspaceId)
                .query((rs, n) -> new IncidentUpdateView(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("message"), rs.getString("author_label"),
                        rs.getTimestamp("created_at").toInstant(), impacts(rs.getString("impacts"))))
                .list();
    }

    @Transactional
    public IncidentUpdateView post(ApiPrincipal caller, UUID incidentId, IncidentUpdateRequest request) {
        // Locked: two authors resolving a declared incident at once resolve it once.
        Map<String, Object> incident = jdbc.sql("""
                        SELECT kind, status FROM incidents WHERE id = ? AND workspace_id = ? FOR UPDATE""")
                .params(incidentId, caller.workspaceId()).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("incident"));
        boolean declared = "DECLARED".equals(incident.get("kind"));
        if (declared && "RESOLVED".equals(incident.get("status"))) {
            throw IncidentDeclarations.resolved();
        }
        FieldProblems problems = new FieldProblems();
        String status = request.status() == null ? null : request.status().strip().toLowerCase(Locale.ROOT);
        if (status == null || !STATUSES.contains(status)) {
            problems.add("status", "status must be investigating, identified, monitoring or resolved");
        }
        String message = IncidentDeclarations.message(request.message(), problems);
        List<ComponentImpact> components = request.components() == null ? List.of() : request.components();
        if (!components.isEmpty() && !declared) {
            problems.add("components", "only declared incidents change component impact; a monitor's incident "
                    + "follows its checks");
        } else {
            impacts.validate(caller.workspaceId(), components, true, problems);
        }
        problems.throwIfAny();
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO incident_updates (id, incident_id, workspace_id, status, message, author_user_id,
                                                      author_label, created_at, component_impacts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(id, incidentId, caller.workspaceId(), status, message, caller.userId(), caller.label(),
                        Timestamp.from(now), components.isEmpty() ? null : ComponentImpacts.json(components))
                .update();
        if (declared) {
            impacts.apply(incidentId, components);
            if (status.equals("resolved")) {
                jdbc.sql("UPDATE incidents SET status = 'RESOLVED', resolved_at = ? WHERE id = ?")
                        .params(Timestamp.from(now), incidentId).update();
                jdbc.sql("""
                                INSERT INTO incident_events (incident_id, at, type, message)
                                VALUES (?, ?, 'RESOLVED', ?)""")
                        .params(incidentId, Timestamp.from(now), "Resolved by " + caller.label()).update();
                impacts.clear(incidentId);
            }
        }
        audit.record(caller.workspaceId(), Actor.of(caller), "incident.update_posted", "INCIDENT", incidentId,
                Map.of("status", status));
        // Subscribers hear every posted update (of a declared incident: on the pages showing its components); status
        // pages refresh on either event.
        if (declared) {
            events.publishEvent(new IncidentChanged(caller.workspaceId(), incidentId));
        }
        events.publishEvent(new IncidentUpdatePosted(caller.workspaceId(), incidentId, id));
        return new IncidentUpdateView(id, status, message, caller.label(), now, components.isEmpty() ? null
                : components);
    }

    private static List<ComponentImpact> impacts(String json) {
        return json == null ? null : List.of(WireJson.read(json, ComponentImpact[].class));
    }

    private void requireIncident(UUID workspaceId, UUID incidentId) {
        boolean found = jdbc.sql("SELECT 1 FROM incidents WHERE id = ? AND workspace_id = ?")
                .params(incidentId, workspaceId).query(Integer.class).optional().isPresent();
        if (!found) {
            throw new NotFoundException("incident");
        }
    }
}
