package dev.vigil.api.monitor;

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
 * Which alert channels a monitor notifies. Links live in {@code monitor_alert_channels}, whose foreign keys include
 * the workspace, so even a bug here could not link a monitor to another workspace's channel.
 */
@Component
class MonitorChannelLinks {

    private final JdbcClient jdbc;

    MonitorChannelLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code channelIds} that are not channels of the workspace (missing or someone else's). */
    List<UUID> notInWorkspace(UUID workspaceId, Collection<UUID> channelIds) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> found = new HashSet<>(jdbc.sql("""
                        SELECT id FROM alert_channels WHERE workspace_id = :workspace AND id IN (:ids)""")
                .param("workspace", workspaceId)
                .param("ids", List.copyOf(channelIds))
                .query(UUID.class).list());
        return channelIds.stream().filter(id -> !found.contains(id)).toList();
    }

    /** Makes the monitor's links exactly {@code channelIds}. */
    void replace(UUID monitorId, UUID workspaceId, List<UUID> channelIds) {
        jdbc.sql("DELETE FROM monitor_alert_channels WHERE monitor_id = ?").param(monitorId).update();
        add(monitorId, workspaceId, channelIds);
    }

    /** Links a monitor that has no links yet (a new one) to {@code channelIds}. */
    void add(UUID monitorId, UUID workspaceId, List<UUID> channelIds) {
        for (UUID channelId : channelIds) {
            jdbc.sql("INSERT INTO monitor_alert_channels (monitor_id, channel_id, workspace_id) VALUES (?, ?, ?)")
                    .params(monitorId, channelId, workspaceId).update();
        }
    }

    /** The links of several monitors in one query (a page of the list). */
    Map<UUID, List<UUID>> of(Collection<UUID> monitorIds) {
        Map<UUID, List<UUID>> links = new HashMap<>();
        if (monitorIds.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        SELECT l.monitor_id, l.channel_id
                        FROM monitor_alert_channels l JOIN alert_channels c ON c.id = l.channel_id
                        WHERE l.monitor_id IN (:ids)
                        ORDER BY l.monitor_id, c.created_at, c.id""")
                .param("ids", List.copyOf(monitorIds))
                .query(rs -> {
                    links.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("channel_id", UUID.class));
                });
        return links;
    }
}
