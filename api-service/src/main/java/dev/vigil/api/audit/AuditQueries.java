package dev.vigil.api.audit;

import dev.vigil.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a workspace's audit entries, newest first; every query is scoped by the workspace. The API and the dashboard's
 * audit page filter the same way.
 */
@Component
public class AuditQueries {

    private static final String FILTER = """
            WHERE workspace_id = :workspace
              AND (CAST(:type AS text) IS NULL OR resource_type = :type)
              AND (CAST(:resource AS uuid) IS NULL OR resource_id = :resource)
              AND (CAST(:actor AS text) IS NULL OR actor_label ILIKE '%' || :actor || '%' ESCAPE '\\')
              AND (CAST(:action AS text) IS NULL OR action LIKE :action || '%' ESCAPE '\\')
              AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
              AND (CAST(:until AS timestamptz) IS NULL OR occurred_at < :until)""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Which entries: every field optional.
     *
     * @param actor  a part of the actor's label (their email, or the key's name), any case
     * @param action the start of the action, e.g. {@code monitor.} or {@code oncall_override.created}
     * @param from   entries at or after
     * @param until  entries before
     */
    public record Filter(String resourceType, UUID resourceId, String actor, String action, Instant from,
                         Instant until) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    public Paging.Items<AuditEventView> page(UUID workspaceId, Filter filter, Paging paging) {
        long total = bind(jdbc.sql("SELECT count(*) FROM audit_events " + FILTER), workspaceId, filter)
                .query(Long.class).single();
        List<AuditEventView> items = bind(jdbc.sql("""
                        SELECT id, occurred_at, actor_user_id, actor_key_id, actor_label, action, resource_type,
                               resource_id, summary::text AS summary
                        FROM audit_events
                        """ + FILTER + """

                        ORDER BY seq DESC
                        LIMIT :limit OFFSET :offset"""), workspaceId, filter)
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(this::view)
                .list();
        return paging.items(items, total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, UUID workspaceId, Filter filter) {
        return sql.param("workspace", workspaceId).param("type", filter.resourceType())
                .param("resource", filter.resourceId()).param("actor", like(filter.actor()))
                .param("action", like(filter.action()))
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("until", filter.until() == null ? null : Timestamp.from(filter.until()));
    }

    /** The text with LIKE's wildcards escaped (a search for "a_b" means that text), or null when blank. */
    private static String like(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private AuditEventView view(ResultSet rs, int row) throws SQLException {
        return new AuditEventView(rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                new AuditEventView.ActorView(rs.getObject("actor_user_id", UUID.class),
                        rs.getObject("actor_key_id", UUID.class), rs.getString("actor_label")),
                rs.getString("action"), rs.getString("resource_type"), rs.getObject("resource_id", UUID.class),
                json.readTree(rs.getString("summary")));
    }
}
