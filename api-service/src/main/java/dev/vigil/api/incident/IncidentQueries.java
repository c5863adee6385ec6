package dev.vigil.api.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads incidents, always scoped by the caller's workspace. */
@Component
public class IncidentQueries {

    static final String COLUMNS = "id, monitor_id, kind, status, started_at, acknowledged_at, resolved_at, cause, "
            + "regions, title, severity, declared_incident_id";

    private final JdbcClient jdbc;

    IncidentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IncidentView> list(UUID workspaceId, String status, UUID monitorId, int limit) {
        return list(workspaceId, status, monitorId, null, limit);
    }

    /** @param kind {@code DOWN}, {@code HEARTBEAT_MISSED}, {@code HEARTBEAT_FAILED}, {@code DECLARED} or null */
    public List<IncidentView> list(UUID workspaceId, String status, UUID monitorId, String kind, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents WHERE workspace_id = :workspace"
                        + (status == null ? "" : " AND status = :status")
                        + (monitorId == null ? "" : " AND monitor_id = :monitor")
                        + (kind == null ? "" : " AND kind = :kind")
                        + " ORDER BY started_at DESC, id LIMIT :limit")
                .param("workspace", workspaceId).param("status", status).param("monitor", monitorId)
                .param("kind", kind)
                .param("limit", limit)
                .query(IncidentQueries::view).list().stream()
                .map(i -> i.declared() ? i.withComponents(components(i.id())) : i).toList();
    }

    public Optional<IncidentView> find(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents WHERE id = ? AND workspace_id = ?")
                .params(id, workspaceId).query(IncidentQueries::view).optional()
                .map(incident -> incident.withTimeline(timeline(id)))
                .map(incident -> incident.declared() ? incident.withComponents(components(id)) : incident);
    }

    /** The components a declared incident affects, in page and page order. */
    List<IncidentView.AffectedComponent> components(UUID incidentId) {
        return jdbc.sql("""
                        SELECT c.id, c.page_id, c.name, ic.impact FROM incident_components ic
                        JOIN status_page_components c ON c.id = ic.component_id
                        WHERE ic.incident_id = ? ORDER BY c.page_id, c.position""")
                .param(incidentId)
                .query((rs, n) -> new IncidentView.AffectedComponent(rs.getObject("id", UUID.class),
                        rs.getObject("page_id", UUID.class), rs.getString("name"), rs.getString("impact")))
                .list();
    }

    private List<IncidentView.TimelineEntry> timeline(UUID incidentId) {
        return jdbc.sql("SELECT at, type, message FROM incident_events WHERE incident_id = ? ORDER BY at, id")
                .param(incidentId)
                .query((rs, row) -> new IncidentView.TimelineEntry(rs.getTimestamp("at").toInstant(),
                        rs.getString("type"), rs.getString("message")))
                .list();
    }

    static IncidentView view(ResultSet rs, int row) throws SQLException {
        return new IncidentView(rs.getObject("id", UUID.class), rs.getObject("monitor_id", UUID.class),
                rs.getString("kind"), rs.getString("status"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("acknowledged_at")), instant(rs.getTimestamp("resolved_at")),
                rs.getString("cause"), List.of((String[]) rs.getArray("regions").getArray()), null,
                rs.getString("title"), rs.getString("severity"), rs.getObject("declared_incident_id", UUID.class),
                null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
