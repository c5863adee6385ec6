package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sums up what the rate limit held back: once the window of a workspace's first held delivery has passed, one
 * {@code digest} event (counts per event) goes to the channels that missed alerts. Marking the held deliveries
 * digested and queueing the digest happen in one transaction, and the {@code UPDATE ... WHERE NOT digested} row
 * locks make sure two instances never write two digests for the same deliveries.
 */
@Component
class DigestWriter {

    private final JdbcClient jdbc;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    DigestWriter(JdbcClient jdbc, NotifyProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Held(UUID workspaceId, UUID channelId, String event) {
    }

    void write(Instant now) {
        transactions.executeWithoutResult(tx -> {
            List<Held> held = jdbc.sql("""
                            UPDATE notification_deliveries SET digested = true
                            WHERE reason = 'rate_limited' AND NOT digested AND workspace_id IN (
                                SELECT workspace_id FROM notification_deliveries
                                WHERE reason = 'rate_limited' AND NOT digested
                                GROUP BY workspace_id HAVING min(created_at) <= ?)
                            RETURNING workspace_id, channel_id, event""")
                    .param(Timestamp.from(now.minus(properties.rateWindow())))
                    .query((rs, n) -> new Held(rs.getObject("workspace_id", UUID.class),
                            rs.getObject("channel_id", UUID.class), rs.getString("event")))
                    .list();
            Map<UUID, List<Held>> byWorkspace = new LinkedHashMap<>();
            held.forEach(h -> byWorkspace.computeIfAbsent(h.workspaceId(), k -> new ArrayList<>()).add(h));
            byWorkspace.forEach((workspace, rows) -> {
                Map<String, Integer> counts = new TreeMap<>();
                LinkedHashSet<String> channels = new LinkedHashSet<>();
                for (Held h : rows) {
                    counts.merge(h.event(), 1, Integer::sum);
                    if (h.channelId() != null) {
                        channels.add(h.channelId().toString());
                    }
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("event", "digest");
                payload.put("occurredAt", now.toString());
                payload.put("held", rows.size());
                payload.put("events", counts);
                payload.put("channelIds", List.copyOf(channels));
                payload.put("message", rows.size() + " alerts were held back by the rate limit ("
                        + properties.rateLimit() + " per " + properties.rateWindow().toMinutes() + " min): "
                        + counts + ". See the dashboard for the incidents.");
                jdbc.sql("""
                                INSERT INTO notification_outbox (id, workspace_id, event, payload, created_at)
                                VALUES (?, ?, 'digest', ?::jsonb, ?)""")
                        .params(UUID.randomUUID(), workspace, WireJson.write(payload), Timestamp.from(now)).update();
            });
        });
    }
}
