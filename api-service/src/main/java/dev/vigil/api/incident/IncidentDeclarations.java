package dev.vigil.api.incident;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents people declare (no monitor: a title, a severity, the components they affect, a first public update),
 * titles of any incident, and links from monitor-opened incidents to the declared one the public is told about.
 * Each change and its audit entry commit together; nothing is written when any field is bad.
 */
@Component
public class IncidentDeclarations {

    static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");
    private static final Set<String> OPENING_STATUSES = Set.of("investigating", "identified", "monitoring");

    private final JdbcClient jdbc;
    private final ComponentImpacts impacts;
    private final IncidentQueries queries;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentDeclarations(JdbcClient jdbc, ComponentImpacts impacts, IncidentQueries queries, AuditLog audit,
                         ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.impacts = impacts;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public IncidentView declare(ApiPrincipal caller, DeclareIncidentRequest request) {
        UUID workspaceId = caller.workspaceId();
        FieldProblems problems = new FieldProblems();
        String title = problems.requiredLine("title", request.title(), 200);
        String severity = severity(request.severity(), problems);
        String status = request.status() == null || request.status().isBlank() ? "investigating"
                : request.status().strip().toLowerCase(Locale.ROOT);
        if (!OPENING_STATUSES.contains(status)) {
            problems.add("status", "status must be investigating, identified or monitoring");
        }
        String message = message(request.message(), problems);
        List<ComponentImpact> components = request.components() == null ? List.of() : request.components();
        if (components.isEmpty()) {
            problems.add("components", "name at least one status page component the incident affects");
        }
        impacts.validate(workspaceId, components, false, problems);
        problems.throwIfAny();

        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, title,
                                               severity)
                        VALUES (?, ?, NULL, 'DECLARED', 'OPEN', ?, ?, ?, ?)""")
                .params(id, workspaceId, Timestamp.from(now), "Declared by " + caller.label(), title, severity)
                .update();
        jdbc.sql("INSERT INTO incident_events (incident_id, at, type, message) VALUES (?, ?, 'DECLARED', ?)")
                .params(id, Timestamp.from(now), "Declared by " + caller.label()).update();
        impacts.apply(id, components);
        UUID firstUpdate = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incident_updates (id, incident_id, workspace_id, status, message, author_user_id,
                                                      author_label, created_at, component_impacts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(firstUpdate, id, workspaceId, status, message, caller.userId(), caller.label(),
                        Timestamp.from(now), ComponentImpacts.json(components))
                .update();
        audit.record(workspaceId, Actor.of(caller), "incident.declared", "INCIDENT", id,
                Map.of("severity", severity, "components", components.size()));
        events.publishEvent(new IncidentChanged(workspaceId, id));
        // The declaration is its first update, which subscribers of the affected components' pages hear.
        events.publishEvent(new IncidentUpdatePosted(workspaceId, id, firstUpdate));
        return queries.find(workspaceId, id).orElseThrow();
    }

    @Transactional
    public IncidentView edit(ApiPrincipal caller, UUID id, EditIncidentRequest request) {
        UUID workspaceId = caller.workspaceId();
        IncidentView incident = lock(workspaceId, id);
        FieldProblems problems = new FieldProblems();
        String title = incident.title();
        if (request.title() != null) {
            title = request.title().isBlank() && !incident.declared() ? null
                    : problems.requiredLine("title", request.title(), 200);
        }
        String severity = incident.severity();
        if (request.severity() != null) {
            if (incident.declared()) {
                severity = severity(request.severity(), problems);
            } else {
                problems.add("severity", "only declared incidents have a severity");
            }
        }
        problems.throwIfAny();
        jdbc.sql("UPDATE incidents SET title = ?, severity = ? WHERE id = ?").params(title, severity, id).update();
        audit.record(workspaceId, Actor.of(caller), "incident.edited", "INCIDENT", id, Map.of());
        events.publishEvent(new IncidentChanged(workspaceId, id));
        return queries.find(workspaceId, id).orElseThrow();
    }

    /** Makes monitor-opened incident {@code id} part of a declared incident of the same workspace. */
    @Transactional
    public IncidentView link(ApiPrincipal caller, UUID id, LinkIncidentRequest request) {
        UUID workspaceId = caller.workspaceId();
        IncidentView incident = lock(workspaceId, id);
        FieldProblems problems = new FieldProblems();
        UUID target = request.declaredIncidentId();
        if (incident.declared()) {
            problems.add("declaredIncidentId", "a declared incident cannot be linked to another; link the "
                    + "monitors' incidents to it instead");
        } else if (target == null) {
            problems.add("declaredIncidentId", "declaredIncidentId is required");
        } else if (queries.find(workspaceId, target).filter(IncidentView::declared).isEmpty()) {
            problems.add("declaredIncidentId", "no such declared incident in this workspace");
        }
        problems.throwIfAny();
        jdbc.sql("UPDATE incidents SET declared_incident_id = ? WHERE id = ?").params(target, id).update();
        audit.record(workspaceId, Actor.of(caller), "incident.linked", "INCIDENT", id,
                Map.of("declaredIncidentId", target.toString()));
        events.publishEvent(new IncidentChanged(workspaceId, id));
        return queries.find(workspaceId, id).orElseThrow();
    }

    @Transactional
    public void unlink(ApiPrincipal caller, UUID id) {
        UUID workspaceId = caller.workspaceId();
        lock(workspaceId, id);
        jdbc.sql("UPDATE incidents SET declared_incident_id = NULL WHERE id = ?").param(id).update();
        audit.record(workspaceId, Actor.of(caller), "incident.unlinked", "INCIDENT", id, Map.of());
        events.publishEvent(new IncidentChanged(workspaceId, id));
    }

    /** The caller's incident, locked so an evaluator resolving it concurrently waits for this change. */
    private IncidentView lock(UUID workspaceId, UUID id) {
        Optional<UUID> found = jdbc.sql("SELECT id FROM incidents WHERE id = ? AND workspace_id = ? FOR UPDATE")
                .params(id, workspaceId).query(UUID.class).optional();
        if (found.isEmpty()) {
            throw new NotFoundException("incident");
        }
        return queries.find(workspaceId, id).orElseThrow();
    }

    static String severity(String given, FieldProblems problems) {
        String severity = given == null ? null : given.strip().toLowerCase(Locale.ROOT);
        if (severity == null || !SEVERITIES.contains(severity)) {
            problems.add("severity", "severity must be minor, major or critical");
            return null;
        }
        return severity;
    }

    static String message(String given, FieldProblems problems) {
        if (given == null || given.isBlank()) {
            problems.add("message", "message is required");
            return null;
        }
        return problems.multiLine("message", given.strip(), 5000);
    }

    static ConflictException resolved() {
        return new ConflictException("Incident resolved", "This declared incident is resolved; it takes no more "
                + "updates.");
    }
}
