package dev.vigil.api.audit;

import dev.vigil.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads a workspace's audit entries, newest first; every query is scoped by the workspace. */
@Component
class AuditQueries {

    private static final String FILTER = """
            WHERE workspace_id = :workspace
              AND (CAST(:type AS text) IS NULL OR resource_type = :type)
              AND (CAST(:resource AS uuid) IS NULL OR resource_id = :resource)""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Paging.Items<AuditEventView> page(UUID workspaceId, String resourceType, UUID resourceId, Paging paging) {
        long total = jdbc.sql("SELECT count(*) FROM audit_events " + FILTER)
                .param("workspace", workspaceId).param("type", resourceType).param("resource", resourceId)
                .query(Long.class).single();
        List<AuditEventView> items = jdbc.sql("""
                        SELECT id, occurred_at, actor_user_id, actor_key_id, actor_label, action, resource_type,
                               resource_id, summary::text AS summary
                        FROM audit_events
                        """ + FILTER + """

                        ORDER BY seq DESC
                        LIMIT :limit OFFSET :offset""")
                .param("workspace", workspaceId).param("type", resourceType).param("resource", resourceId)
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(this::view)
                .list();
        return paging.items(items, total);
    }

    private AuditEventView view(ResultSet rs, int row) throws SQLException {
        return new AuditEventView(rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                new AuditEventView.ActorView(rs.getObject("actor_user_id", UUID.class),
                        rs.getObject("actor_key_id", UUID.class), rs.getString("actor_label")),
                rs.getString("action"), rs.getString("resource_type"), rs.getObject("resource_id", UUID.class),
                json.readTree(rs.getString("summary")));
    }
}
