package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
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
 *   <li>write each delivery with its stable id ({@link DeliveryIds}), PENDING or SUPPRESSED with the reason, in
 *       one JDBC batch; {@code ON CONFLICT DO NOTHING} makes a repeated fan-out harmless;</li>
 *   <li>mark the rows processed, in one statement.</li>
 * </ol>
 */
@Component
class OutboxFanout {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final NoiseControl noise;
    private final Escalations escalations;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    OutboxFanout(JdbcClient jdbc, JdbcTemplate jdbcTemplate, NoiseControl noise, Escalations escalations,
                 NotifyProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
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
            if (rows.isEmpty()) {
                return 0;
            }
            // The batch's monitors' channels, defaults and escalation policies, and its noise control, are read a
            // few queries per batch, not per row: a mass outage puts thousands of rows here at once.
            MonitorChannels channels = monitorChannels(rows);
            NoiseControl.Batch noise = this.noise.forBatch(rows, now);
            List<Object[]> toChannels = new ArrayList<>();
            List<Object[]> toPeople = new ArrayList<>();
            for (OutboxRow row : rows) {
                for (Target target : targets(row, channels, now)) {
                    String reason = noise.holdBack(row, target.channelId());
                    (target.channelId() != null ? toChannels : toPeople).add(delivery(row, target, reason, now));
                }
            }
            insert(toChannels, "ON CONFLICT (outbox_id, channel_id) DO NOTHING");
            insert(toPeople, "ON CONFLICT (outbox_id, recipient) WHERE recipient IS NOT NULL DO NOTHING");
            jdbc.sql("UPDATE notification_outbox SET processed_at = ? WHERE id = ANY(?)")
                    .params(Timestamp.from(now), rows.stream().map(OutboxRow::id).toArray(UUID[]::new)).update();
            return rows.size();
        });
        return done == null ? 0 : done;
    }

    /** Each monitor's linked channels, each workspace's default channels, and which monitors have a policy. */
    private record MonitorChannels(Map<UUID, List<UUID>> linked, Map<UUID, List<UUID>> defaults,
                                   Set<UUID> withPolicy) {
    }

    private MonitorChannels monitorChannels(List<OutboxRow> rows) {
        UUID[] monitors = rows.stream().filter(r -> r.monitorId() != null).map(OutboxRow::monitorId).distinct()
                .toArray(UUID[]::new);
        UUID[] workspaces = rows.stream().map(OutboxRow::workspaceId).distinct().toArray(UUID[]::new);
        Map<UUID, List<UUID>> linked = new HashMap<>();
        Map<UUID, List<UUID>> defaults = new HashMap<>();
        if (monitors.length > 0) {
            jdbc.sql("""
                            SELECT l.monitor_id, l.channel_id FROM monitor_alert_channels l
                            JOIN alert_channels c ON c.id = l.channel_id
                            WHERE l.monitor_id = ANY(?) ORDER BY c.created_at""")
                    .param(monitors)
                    .query(rs -> {
                        linked.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject("channel_id", UUID.class));
                    });
            jdbc.sql("""
                            SELECT workspace_id, id FROM alert_channels WHERE workspace_id = ANY(?) AND is_default
                            ORDER BY created_at""")
                    .param(workspaces)
                    .query(rs -> {
                        defaults.computeIfAbsent(rs.getObject("workspace_id", UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject("id", UUID.class));
                    });
        }
        return new MonitorChannels(linked, defaults,
                monitors.length == 0 ? Set.of() : escalations.withPolicy(List.of(monitors)));
    }

    private Set<Target> targets(OutboxRow row, MonitorChannels channels, Instant now) {
        Set<Target> targets = new LinkedHashSet<>();
        switch (row.event()) {
            case "test" -> channelIn(row, row.payload().path("channelId").asString("")).ifPresent(targets::add);
            case "channel.unhealthy" -> jdbc.sql("""
                            SELECT id FROM alert_channels WHERE workspace_id = ? AND id <> ? AND healthy
                            ORDER BY created_at""")
                    .params(row.workspaceId(), UUID.fromString(row.payload().path("channel").path("id").asString()))
                    .query(UUID.class).list().forEach(id -> targets.add(Target.channel(id)));
            case "digest", "incident.escalated", "incident.reminder", "summary" -> {
                for (JsonNode id : row.payload().path("channelIds").valueStream().toList()) {
                    channelIn(row, id.asString()).ifPresent(targets::add);
                }
                row.payload().path("recipients").valueStream()
                        .forEach(email -> targets.add(Target.person(email.asString())));
            }
            default -> {
                if (row.monitorId() != null) {
                    List<UUID> linked = channels.linked().getOrDefault(row.monitorId(), List.of());
                    if (linked.isEmpty()) {
                        linked = channels.defaults().getOrDefault(row.workspaceId(), List.of());
                    }
                    linked.forEach(id -> targets.add(Target.channel(id)));
                    if (channels.withPolicy().contains(row.monitorId())) {
                        targets.addAll(escalations.firstLevel(row, now));
                    }
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

    private Object[] delivery(OutboxRow row, Target target, String reason, Instant now) {
        return new Object[] {DeliveryIds.of(row.id(), target), row.id(), row.workspaceId(), target.channelId(),
                target.recipient(), row.incidentId(), row.monitorId(), row.event(),
                reason == null ? "PENDING" : "SUPPRESSED", Timestamp.from(now),
                Timestamp.from(now.plus(properties.giveUpAfter())), Timestamp.from(now), reason};
    }

    /** One JDBC batch (one round trip) for the batch's deliveries of one kind of target. */
    private void insert(List<Object[]> deliveries, String conflict) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO notification_deliveries (id, outbox_id, workspace_id, channel_id, recipient,
                    incident_id, monitor_id, event, status, next_attempt_at, give_up_at, created_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""" + conflict, deliveries);
    }
}
