package dev.vigil.api.channel;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues a {@code test} event for one channel through the notification outbox, so a test travels exactly the path of
 * a real alert (dispatcher, retries, delivery log). The payload names the channel; the dispatcher sends a test to
 * that channel only.
 */
@Component
public class TestEvents {

    private final JdbcClient jdbc;

    TestEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The answer to {@code POST .../test}: the outbox row the delivery will come from. */
    public record Queued(String eventId, String channelId, String event) {
    }

    Queued queue(UUID workspaceId, ChannelView channel, Instant now) {
        UUID id = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "test");
        payload.put("occurredAt", now.toString());
        payload.put("channelId", channel.id());
        payload.put("message", "A test of the alert channel \"" + channel.name() + "\" from Vigil.");
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, event, payload, created_at)
                        VALUES (?, ?, 'test', ?::jsonb, ?)""")
                .params(id, workspaceId, WireJson.write(payload), Timestamp.from(now)).update();
        return new Queued(id.toString(), channel.id(), "test");
    }
}
