package dev.vigil.api.dashboard.incident;

import dev.vigil.api.incident.IncidentView;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds to incidents what the dashboard shows beside them (monitor name, tags, severity, who acknowledged) in two
 * queries for the whole list, and applies the list's filters.
 */
@Component
class IncidentRows {

    private final JdbcClient jdbc;

    IncidentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<IncidentRow> rows(UUID workspaceId, List<IncidentView> incidents, IncidentFilter filter) {
        Map<UUID, Monitor> monitors = monitors(workspaceId);
        Map<UUID, String> acknowledgers = acknowledgers(workspaceId, incidents);
        List<IncidentRow> rows = new ArrayList<>();
        for (IncidentView incident : incidents) {
            if (incident.declared()) {
                // A person's incident: no monitor, no tags; its own title and the severity its author chose.
                if (filter.matches(incident, List.of())) {
                    rows.add(new IncidentRow(incident, incident.title(), incident.severity(),
                            acknowledgers.get(incident.id()), List.of()));
                }
                continue;
            }
            Monitor monitor = monitors.get(incident.monitorId());
            if (monitor == null || !filter.matches(incident, monitor.tags())) {
                continue;
            }
            boolean everywhere = !incident.kind().equals("DOWN")
                    || incident.regions().size() >= Math.max(1, monitor.regions());
            rows.add(new IncidentRow(incident, incident.title() != null ? incident.title() : monitor.name(),
                    incident.severity() != null ? incident.severity() : everywhere ? "critical" : "major",
                    acknowledgers.get(incident.id()), monitor.tags()));
        }
        return rows;
    }

    /** The workspace's monitors (id, name), for the filter's choices. */
    Map<UUID, String> monitorNames(UUID workspaceId) {
        Map<UUID, String> names = new java.util.LinkedHashMap<>();
        monitors(workspaceId).forEach((id, monitor) -> names.put(id, monitor.name()));
        return names;
    }

    List<String> tagNames(UUID workspaceId) {
        return jdbc.sql("SELECT name FROM tags WHERE workspace_id = ? ORDER BY lower(name)").param(workspaceId)
                .query(String.class).list();
    }

    private Map<UUID, Monitor> monitors(UUID workspaceId) {
        Map<UUID, Monitor> monitors = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT m.id, m.name, cardinality(m.regions) AS regions,
                               array_remove(array_agg(t.name ORDER BY lower(t.name)), NULL) AS tags
                        FROM monitors m
                        LEFT JOIN monitor_tags mt ON mt.monitor_id = m.id AND mt.workspace_id = m.workspace_id
                        LEFT JOIN tags t ON t.id = mt.tag_id AND t.workspace_id = m.workspace_id
                        WHERE m.workspace_id = ?
                        GROUP BY m.id, m.name, m.regions
                        ORDER BY lower(m.name)""")
                .param(workspaceId)
                .query((rs, row) -> monitors.put(rs.getObject("id", UUID.class),
                        new Monitor(rs.getString("name"), rs.getInt("regions"), strings(rs.getArray("tags")))))
                .list();
        return monitors;
    }

    private Map<UUID, String> acknowledgers(UUID workspaceId, List<IncidentView> incidents) {
        Map<UUID, String> who = new HashMap<>();
        UUID[] ids = incidents.stream().filter(i -> i.acknowledgedAt() != null).map(IncidentView::id)
                .toArray(UUID[]::new);
        if (ids.length == 0) {
            return who;
        }
        jdbc.sql("""
                        SELECT i.id, COALESCE(i.acknowledged_by_label, k.prefix || ' ' || k.name, 'someone') AS who
                        FROM incidents i LEFT JOIN api_keys k ON k.id = i.acknowledged_by AND k.workspace_id = i.workspace_id
                        WHERE i.workspace_id = ? AND i.id = ANY (?)""")
                .params(workspaceId, ids)
                .query((rs, row) -> who.put(rs.getObject("id", UUID.class), rs.getString("who"))).list();
        return who;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private record Monitor(String name, int regions, List<String> tags) {
    }
}
