package dev.vigil.api.monitor;

import dev.vigil.api.monitor.MonitorResponse.TagLabel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A monitor's tags ({@code monitor_tags}) and whether a group belongs to a workspace. As with channel links, the
 * foreign keys include the workspace, so even a bug here could not tag a monitor with another workspace's tag.
 */
@Component
class MonitorLabels {

    private final JdbcClient jdbc;

    MonitorLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code tagIds} that are not tags of the workspace (missing or someone else's). */
    List<UUID> tagsNotInWorkspace(UUID workspaceId, Collection<UUID> tagIds) {
        if (tagIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> found = new HashSet<>(jdbc.sql("SELECT id FROM tags WHERE workspace_id = :workspace AND id IN (:ids)")
                .param("workspace", workspaceId)
                .param("ids", List.copyOf(tagIds))
                .query(UUID.class).list());
        return tagIds.stream().filter(id -> !found.contains(id)).toList();
    }

    boolean groupInWorkspace(UUID workspaceId, UUID groupId) {
        return jdbc.sql("SELECT count(*) > 0 FROM monitor_groups WHERE id = ? AND workspace_id = ?")
                .params(groupId, workspaceId).query(Boolean.class).single();
    }

    /** Makes the monitor's tags exactly {@code tagIds}. */
    void replaceTags(UUID monitorId, UUID workspaceId, List<UUID> tagIds) {
        jdbc.sql("DELETE FROM monitor_tags WHERE monitor_id = ?").param(monitorId).update();
        addTags(monitorId, workspaceId, tagIds);
    }

    /** Tags a monitor that has no tags yet (a new one) with {@code tagIds}. */
    void addTags(UUID monitorId, UUID workspaceId, List<UUID> tagIds) {
        for (UUID tagId : tagIds) {
            jdbc.sql("INSERT INTO monitor_tags (monitor_id, tag_id, workspace_id) VALUES (?, ?, ?)")
                    .params(monitorId, tagId, workspaceId).update();
        }
    }

    /** The tags of several monitors in one query (a page of the list), each monitor's by name. */
    Map<UUID, List<TagLabel>> tagsOf(Collection<UUID> monitorIds) {
        Map<UUID, List<TagLabel>> tags = new HashMap<>();
        if (monitorIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("""
                        SELECT l.monitor_id, t.id, t.name, t.color
                        FROM monitor_tags l JOIN tags t ON t.id = l.tag_id
                        WHERE l.monitor_id IN (:ids)
                        ORDER BY l.monitor_id, lower(t.name), t.id""")
                .param("ids", List.copyOf(monitorIds))
                .query(rs -> {
                    tags.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                            .add(new TagLabel(rs.getObject("id", UUID.class), rs.getString("name"),
                                    rs.getString("color")));
                });
        return tags;
    }
}
