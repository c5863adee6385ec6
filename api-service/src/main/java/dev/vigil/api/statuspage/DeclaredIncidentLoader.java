package dev.vigil.api.statuspage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The declared incidents a page shows: those affecting at least one of its components (always of the page's own
 * workspace), open or started since {@code from}, with the impact each has on the page's components.
 */
@Component
class DeclaredIncidentLoader {

    private static final int LIMIT = 500;

    private final JdbcClient jdbc;

    DeclaredIncidentLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param until exclusive upper bound of the start, or null for no bound (open ones are always included then) */
    List<Declared> load(UUID pageId, UUID workspaceId, Instant from, Instant until) {
        Map<UUID, Declared> found = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT i.id, i.title, i.severity, i.started_at, i.resolved_at, c.id AS component_id,
                               c.name AS component_name, ic.impact
                        FROM incidents i
                        JOIN incident_components ic ON ic.incident_id = i.id
                        JOIN status_page_components c ON c.id = ic.component_id
                        WHERE c.page_id = :page AND i.workspace_id = :workspace AND i.kind = 'DECLARED'
                          AND i.id IN (SELECT id FROM incidents WHERE workspace_id = :workspace AND kind = 'DECLARED'
                                       AND (started_at >= :from OR (:until::timestamptz IS NULL AND status = 'OPEN'))
                                       AND (:until::timestamptz IS NULL OR started_at < :until)
                                       ORDER BY started_at DESC LIMIT :limit)
                        ORDER BY i.started_at DESC, i.id, c.position""")
                .param("page", pageId).param("workspace", workspaceId).param("from", Timestamp.from(from))
                .param("until", until == null ? null : Timestamp.from(until)).param("limit", LIMIT)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Declared d = found.get(id);
                    if (d == null) {
                        Timestamp resolved = rs.getTimestamp("resolved_at");
                        d = new Declared(id, rs.getString("title"), rs.getString("severity"),
                                rs.getTimestamp("started_at").toInstant(),
                                resolved == null ? null : resolved.toInstant(), new ArrayList<>());
                        found.put(id, d);
                    }
                    d.affected().add(new StatusSnapshot.Affected(rs.getObject("component_id", UUID.class),
                            rs.getString("component_name"), rs.getString("impact")));
                });
        return List.copyOf(found.values());
    }

    record Declared(UUID id, String title, String severity, Instant startedAt, Instant resolvedAt,
                    List<StatusSnapshot.Affected> affected) {
    }
}
