package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns outbox rows into deliveries, one per target channel, in one transaction per batch:
 * <ol>
 *   <li>claim unprocessed rows with {@code FOR UPDATE SKIP LOCKED}, so two instances never fan out the same row
 *       (and neither waits for the other);</li>
 *   <li>find the targets: a test's channel; the monitor's linked channels, else the workspace's default channels,
 *       plus its escalation policy's first level; for a channel-health notice, the workspace's other healthy
 *       channels;</li>
 *   <li>write each delivery with its stable id ({@link DeliveryIds}), PENDING or SUPPRESSED with the reason;
 *       {@code ON CONFLICT DO NOTHING} makes a repeated fan-out harmless;</li>
 *   <li>mark the rows processed.</li>
 * </ol>
 */
@Component
class OutboxFanout {

    private final JdbcClient jdbc;
    private final NoiseControl noise;
    private final Escalations escalations;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    OutboxFanout(JdbcClient jdbc, NoiseControl noise, Escalations escalations, NotifyProperties properties,
                 PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.noise = noise;
        this.escalations = escalations;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Fans out one batch; answers how many outbox rows it processed. */
    int fanOut(Instant now) {
        Integer done = transactions.execute(tx -> {
            List<OutboxRow> rows = jdbc.sql("""
                            SELECT id, workspace_id, monitor_id, incident_id, event, payload::text AS payload,
                                   created_at
                            FROM notification_outbox WHERE processed_at IS NULL
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .param(properties.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getObject("id", UUID.class),
                            rs.getObject("workspace_id", UUID.class), rs.getObject("monitor_id", UUID.class),
                            rs.getObject("incident_id", UUID.class), rs.getString("event"),
                            (ObjectNode) WireJson.mapper().readTree(rs.getString("payload")),
                            rs.getTimestamp("created_at").toInstant()))
                    .list();
            for (OutboxRow row : rows) {
                for (Target target : targets(row, now)) {
                    String reason = noise.holdBack(row, target.channelId(), now);
                    insert(row, target, reason, now);
                }
                jdbc.sql("UPDATE notification_outbox SET processed_at = ? WHERE id = ?")
                        .params(Timestamp.from(now), row.id()).update();
            }
            return rows.size();
        });
        return done == null ? 0 : done;
    }

    private Set<Target> targets(OutboxRow row, Instant now) {
        Set<Target> targets = new LinkedHashSet<>();
        switch (row.event()) {
            case "test" -> channelIn(row, row.payload().path("channelId").asString("")).ifPresent(targets::add);
            case "channel.unhealthy" -> jdbc.sql("""
                            SELECT id FROM alert_channels WHERE workspace_id = ? AND id <> ? AND healthy
                            ORDER BY created_at""")
                    .params(row.workspaceId(), UUID.fromString(row.payload().path("channel").path("id").asString()))
                    .query(UUID.class).list().forEach(id -> targets.add(Target.channel(id)));
            case "digest", "incident.escalated" -> {
                for (JsonNode id : row.payload().path("channelIds").valueStream().toList()) {
                    channelIn(row, id.asString()).ifPresent(targets::add);
                }
                row.payload().path("recipients").valueStream()
                        .forEach(email -> targets.add(Target.person(email.asString())));
            }
            default -> {
                if (row.monitorId() != null) {
                    List<UUID> linked = jdbc.sql("""
                                    SELECT l.channel_id FROM monitor_alert_channels l
                                    JOIN alert_channels c ON c.id = l.channel_id
                                    WHERE l.monitor_id = ? ORDER BY c.created_at""")
                            .param(row.monitorId()).query(UUID.class).list();
                    if (linked.isEmpty()) {
                        linked = jdbc.sql("""
                                        SELECT id FROM alert_channels WHERE workspace_id = ? AND is_default
                                        ORDER BY created_at""")
                                .param(row.workspaceId()).query(UUID.class).list();
                    }
                    linked.forEach(id -> targets.add(Target.channel(id)));
                    targets.addAll(escalations.firstLevel(row, now));
                }
            }
        }
        return targets;
    }

    private Optional<Target> channelIn(OutboxRow row, String channelId) {
        UUID id;
        try {
            id = UUID.fromString(channelId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM alert_channels WHERE id = ? AND workspace_id = ?")
                .params(id, row.workspaceId()).query(UUID.class).optional().map(Target::channel);
    }

    private void insert(OutboxRow row, Target target, String reason, Instant now) {
        UUID id = DeliveryIds.of(row.id(), target);
        String conflict = target.channelId() != null ? "ON CONFLICT (outbox_id, channel_id) DO NOTHING"
                : "ON CONFLICT (outbox_id, recipient) WHERE recipient IS NOT NULL DO NOTHING";
        jdbc.sql("""
                        INSERT INTO notification_deliveries (id, outbox_id, workspace_id, channel_id, recipient,
                            incident_id, monitor_id, event, status, next_attempt_at, give_up_at, created_at, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""" + conflict)
                .params(id, row.id(), row.workspaceId(), target.channelId(), target.recipient(), row.incidentId(),
                        row.monitorId(), row.event(), reason == null ? "PENDING" : "SUPPRESSED", Timestamp.from(now),
                        Timestamp.from(now.plus(properties.giveUpAfter())), Timestamp.from(now), reason)
                .update();
    }
}
