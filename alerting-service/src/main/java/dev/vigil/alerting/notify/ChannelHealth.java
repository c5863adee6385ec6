package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts a channel's consecutive failed attempts. At {@code unhealthyAfter} the channel is marked unhealthy and a
 * {@code channel.unhealthy} event is queued for the workspace's other healthy channels; only the change from healthy
 * to unhealthy queues it, so they are told once. One success makes the channel healthy again.
 */
@Component
class ChannelHealth {

    private static final Logger log = LoggerFactory.getLogger(ChannelHealth.class);

    private final JdbcClient jdbc;
    private final NotifyProperties properties;

    ChannelHealth(JdbcClient jdbc, NotifyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Runs in the caller's transaction. */
    void succeeded(UUID channelId) {
        jdbc.sql("""
                        UPDATE alert_channels SET consecutive_failures = 0, healthy = true, unhealthy_since = NULL
                        WHERE id = ? AND (consecutive_failures > 0 OR NOT healthy)""")
                .param(channelId).update();
    }

    /** Runs in the caller's transaction. */
    void failed(UUID channelId, String error, Instant now) {
        // The row lock orders concurrent failures of one channel, so exactly one of them sees the change.
        var turned = jdbc.sql("""
                        WITH old AS (SELECT healthy FROM alert_channels WHERE id = :id FOR UPDATE)
                        UPDATE alert_channels c SET consecutive_failures = c.consecutive_failures + 1,
                               healthy = c.healthy AND c.consecutive_failures + 1 < :limit,
                               unhealthy_since = CASE WHEN c.healthy AND c.consecutive_failures + 1 >= :limit
                                                      THEN :now ELSE c.unhealthy_since END
                        FROM old WHERE c.id = :id
                        RETURNING c.workspace_id, c.name, c.type, old.healthy AND NOT c.healthy AS turned,
                                  c.consecutive_failures""")
                .param("limit", properties.unhealthyAfter()).param("now", Timestamp.from(now)).param("id", channelId)
                .query((rs, n) -> rs.getBoolean("turned") ? new Object[] {rs.getObject("workspace_id", UUID.class),
                        rs.getString("name"), rs.getString("type"), rs.getInt("consecutive_failures")} : null)
                .list();
        if (turned.isEmpty() || turned.getFirst() == null) {
            return;
        }
        Object[] row = turned.getFirst();
        log.warn("alert channel unhealthy channel={} failures={}", channelId, row[3]);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "channel.unhealthy");
        payload.put("occurredAt", now.toString());
        payload.put("channel", Map.of("id", channelId.toString(), "name", row[1], "type", row[2]));
        payload.put("message", "The alert channel \"" + row[1] + "\" (" + row[2] + ") failed " + row[3]
                + " deliveries in a row; last error: " + error + ". Alerts to it are still retried.");
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, event, payload, created_at)
                        VALUES (?, ?, 'channel.unhealthy', ?::jsonb, ?)""")
                .params(UUID.randomUUID(), row[0], WireJson.write(payload), Timestamp.from(now)).update();
    }
}
