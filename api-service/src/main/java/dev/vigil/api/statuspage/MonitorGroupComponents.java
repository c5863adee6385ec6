package dev.vigil.api.statuspage;

import dev.vigil.api.web.FieldProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A monitor group shown as a component group: a component sent as {@code {"monitorGroupId", "group"?}} becomes one
 * component per monitor of that group and its subgroups (named as the monitor, by name), gathered under the given
 * group name or the monitor group's path. It is expanded when the page is saved, so the page shows what the group
 * held then; the other rules of components (the limit, the workspace) then apply to the expanded list as to any.
 */
final class MonitorGroupComponents {

    private MonitorGroupComponents() {
    }

    static StatusPageRequest expand(StatusPageRequest request, UUID workspaceId, JdbcClient jdbc) {
        if (request.components() == null || request.components().stream()
                .noneMatch(c -> c != null && c.monitorGroupId() != null)) {
            return request;
        }
        FieldProblems problems = new FieldProblems();
        List<StatusPageRequest.ComponentRequest> expanded = new ArrayList<>();
        for (int i = 0; i < request.components().size(); i++) {
            StatusPageRequest.ComponentRequest c = request.components().get(i);
            if (c == null || c.monitorGroupId() == null) {
                expanded.add(c);
                continue;
            }
            String field = "components[" + i + "]";
            if (c.monitorId() != null || c.name() != null) {
                problems.add(field + ".monitorGroupId", "a component is a monitorId with a name, or a "
                        + "monitorGroupId alone (its monitors become components under their names)");
                continue;
            }
            String path = jdbc.sql("""
                            SELECT coalesce(p.name || ' / ', '') || g.name FROM monitor_groups g
                            LEFT JOIN monitor_groups p ON p.id = g.parent_id
                            WHERE g.id = ? AND g.workspace_id = ?""")
                    .params(c.monitorGroupId(), workspaceId).query(String.class).optional().orElse(null);
            if (path == null) {
                problems.add(field + ".monitorGroupId", "no such monitor group: " + c.monitorGroupId());
                continue;
            }
            String group = c.group() == null || c.group().isBlank() ? path : c.group();
            jdbc.sql("""
                            SELECT m.id, m.name FROM monitors m
                            WHERE m.workspace_id = ? AND m.group_id IN (SELECT id FROM monitor_groups
                                                                        WHERE id = ? OR parent_id = ?)
                            ORDER BY m.name, m.id""")
                    .params(workspaceId, c.monitorGroupId(), c.monitorGroupId())
                    .query(rs -> {
                        expanded.add(new StatusPageRequest.ComponentRequest(rs.getString("name"),
                                rs.getObject("id", UUID.class), group, null));
                    });
        }
        problems.throwIfAny();
        return new StatusPageRequest(request.slug(), request.title(), request.description(), request.logoUrl(),
                request.customDomain(), request.password(), request.allowedIps(), expanded, request.language());
    }
}
