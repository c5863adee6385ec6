package dev.vigil.api.incident;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.markdown.SafeMarkdown;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Postmortems of resolved incidents: Markdown kept as written, rendered through {@link SafeMarkdown} whenever shown,
 * public on the status pages' incident page only once the author publishes it.
 */
@Component
public class IncidentPostmortems {

    static final int MAX_LENGTH = 100_000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentPostmortems(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Optional<PostmortemView> find(ApiPrincipal caller, UUID incidentId) {
        requireIncident(caller.workspaceId(), incidentId);
        return jdbc.sql("""
                        SELECT body, published_at, updated_at, author_label FROM incident_postmortems
                        WHERE incident_id = ? AND workspace_id = ?""")
                .params(incidentId, caller.workspaceId())
                .query((rs, n) -> view(incidentId, rs.getString("body"), rs.getTimestamp("published_at"),
                        rs.getTimestamp("updated_at"), rs.getString("author_label")))
                .optional();
    }

    @Transactional
    public PostmortemView save(ApiPrincipal caller, UUID incidentId, PostmortemRequest request) {
        String status = requireIncident(caller.workspaceId(), incidentId);
        if (!status.equals("RESOLVED")) {
            throw new ConflictException("Incident open", "A postmortem is written for a resolved incident.");
        }
        FieldProblems problems = new FieldProblems();
        String body = null;
        if (request.body() == null || request.body().isBlank()) {
            problems.add("body", "body is required");
        } else {
            body = problems.multiLine("body", request.body(), MAX_LENGTH);
        }
        problems.throwIfAny();
        boolean publish = Boolean.TRUE.equals(request.published());
        Instant now = clock.instant();
        // Publishing again keeps the first publication time; unpublishing clears it.
        jdbc.sql("""
                        INSERT INTO incident_postmortems (incident_id, workspace_id, body, author_label, updated_at,
                                                          published_at)
                        VALUES (:id, :workspace, :body, :author, :now,
                                CASE WHEN :publish THEN CAST(:now AS timestamptz) END)
                        ON CONFLICT (incident_id) DO UPDATE SET body = EXCLUDED.body,
                            author_label = EXCLUDED.author_label, updated_at = EXCLUDED.updated_at,
                            published_at = CASE WHEN :publish
                                THEN coalesce(incident_postmortems.published_at, CAST(:now AS timestamptz)) END""")
                .param("id", incidentId).param("workspace", caller.workspaceId()).param("body", body)
                .param("author", caller.label()).param("now", Timestamp.from(now)).param("publish", publish)
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "incident.postmortem_saved", "INCIDENT", incidentId,
                Map.of("published", publish));
        events.publishEvent(new IncidentChanged(caller.workspaceId(), incidentId));
        return find(caller, incidentId).orElseThrow();
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID incidentId) {
        requireIncident(caller.workspaceId(), incidentId);
        int deleted = jdbc.sql("DELETE FROM incident_postmortems WHERE incident_id = ? AND workspace_id = ?")
                .params(incidentId, caller.workspaceId()).update();
        if (deleted == 0) {
            throw new NotFoundException("postmortem");
        }
        audit.record(caller.workspaceId(), Actor.of(caller), "incident.postmortem_deleted", "INCIDENT", incidentId,
                Map.of());
        events.publishEvent(new IncidentChanged(caller.workspaceId(), incidentId));
    }

    private static PostmortemView view(UUID incidentId, String body, Timestamp publishedAt, Timestamp updatedAt,
                                       String author) {
        return new PostmortemView(incidentId, body, SafeMarkdown.toHtml(body), publishedAt != null,
                publishedAt == null ? null : publishedAt.toInstant(), updatedAt.toInstant(), author);
    }

    /** The incident's status; 404 when it is not the caller's. */
    private String requireIncident(UUID workspaceId, UUID incidentId) {
        return jdbc.sql("SELECT status FROM incidents WHERE id = ? AND workspace_id = ?")
                .params(incidentId, workspaceId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("incident"));
    }
}
