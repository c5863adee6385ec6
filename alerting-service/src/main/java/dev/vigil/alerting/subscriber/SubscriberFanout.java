package dev.vigil.alerting.subscriber;

import dev.vigil.common.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Turns outbox rows into subscriber deliveries, one transaction per batch:
 * <ol>
 *   <li>claim rows not yet fanned out to subscribers with {@code FOR UPDATE SKIP LOCKED} (two instances never fan
 *       out the same row; the alert fan-out locks the same rows the same way and neither waits); an incident's rows
 *       only once they are {@code delay} old, so its resolution is known when its opening is judged;</li>
 *   <li>drop a blip: an opening resolved within the delay, and that resolution; both rows decide from the same two
 *       outbox timestamps, so they always agree;</li>
 *   <li>find the audience: the confirmed subscribers of the workspace's public pages that show one of the row's
 *       monitors, among the components each chose (a confirmation goes to its one subscriber);</li>
 *   <li>write one delivery per subscriber with a stable id; {@code ON CONFLICT DO NOTHING} makes a repeated fan-out
 *       harmless (exactly one message per subscriber per event), and mark the rows done.</li>
 * </ol>
 */
@Component
class SubscriberFanout {

    static final Set<String> OPENINGS = Set.of("incident.opened", "incident.reopened");
    static final String RESOLVED = "incident.resolved";
    static final Set<String> MAINTENANCE = Set.of("status.maintenance-scheduled", "status.maintenance-started",
            "status.maintenance-ended");
    static final String UPDATE = "status.incident-update";
    static final String CONFIRM = "status.subscription-confirm";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SubscriberProperties properties;
    private final TransactionTemplate transactions;

    SubscriberFanout(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SubscriberProperties properties,
                     PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Row(UUID id, UUID workspaceId, UUID monitorId, UUID incidentId, String event, JsonNode payload,
                       Instant createdAt) {
    }

    /** Fans out one batch; answers how many outbox rows it marked done. */
    int fanOut(Instant now) {
        Integer done = transactions.execute(tx -> {
            List<Row> rows = jdbc.sql("""
                            SELECT id, workspace_id, monitor_id, incident_id, event, payload::text AS payload,
                                   created_at
                            FROM notification_outbox
                            WHERE subscribers_done_at IS NULL
                              AND (event NOT LIKE 'incident.%' OR created_at <= ?)
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .params(Timestamp.from(now.minus(properties.delay())), properties.batchSize())
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class),
                            rs.getObject("workspace_id", UUID.class), rs.getObject("monitor_id", UUID.class),
                            rs.getObject("incident_id", UUID.class), rs.getString("event"),
                            WireJson.mapper().readTree(rs.getString("payload")),
                            rs.getTimestamp("created_at").toInstant()))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Object[]> deliveries = new ArrayList<>();
            for (Row row : rows) {
                for (Audience to : audience(row)) {
                    deliveries.add(new Object[] {deliveryId(row.id(), to.subscriberId()), row.id(),
                            to.subscriberId(), to.pageId(), row.event(), Timestamp.from(now),
                            Timestamp.from(now.plus(properties.giveUpAfter())), Timestamp.from(now)});
                }
            }
            if (!deliveries.isEmpty()) {
                jdbcTemplate.batchUpdate("""
                        INSERT INTO subscriber_deliveries (id, outbox_id, subscriber_id, page_id, event, status,
                            next_attempt_at, give_up_at, created_at)
                        VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                        ON CONFLICT (outbox_id, subscriber_id) DO NOTHING""", deliveries);
            }
            jdbc.sql("UPDATE notification_outbox SET subscribers_done_at = ? WHERE id = ANY(?)")
                    .params(Timestamp.from(now), rows.stream().map(Row::id).toArray(UUID[]::new)).update();
            return rows.size();
        });
        return done == null ? 0 : done;
    }

    /** Who hears of one subscriber (on one page). */
    private record Audience(UUID subscriberId, UUID pageId) {
    }

    private List<Audience> audience(Row row) {
        if (row.event().equals(CONFIRM)) {
            return jdbc.sql("""
                            SELECT s.id, s.page_id FROM status_page_subscribers s
                            JOIN status_pages p ON p.id = s.page_id
                            WHERE s.id = ? AND p.workspace_id = ? AND s.confirmed_at IS NULL""")
                    .params(UUID.fromString(row.payload().path("subscriberId").asString()), row.workspaceId())
                    .query((rs, n) -> new Audience(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                    .list();
        }
        List<UUID> monitors = new ArrayList<>();
        if (OPENINGS.contains(row.event()) || row.event().equals(RESOLVED)) {
            if (row.monitorId() == null || isBlip(row)) {
                return List.of();
            }
            monitors.add(row.monitorId());
        } else if (row.event().equals(UPDATE) && row.payload().has("componentIds")) {
            return byComponents(row);
        } else if (row.event().equals(UPDATE)) {
            monitors.add(UUID.fromString(row.payload().path("monitor").path("id").asString()));
        } else if (MAINTENANCE.contains(row.event())) {
            row.payload().path("maintenance").path("monitorIds").valueStream()
                    .forEach(id -> monitors.add(UUID.fromString(id.asString())));
        }
        if (monitors.isEmpty()) {
            return List.of();
        }
        return subscribersOf(row.workspaceId(), "c.monitor_id", monitors);
    }

    /**
     * The audience of a declared incident's update: the subscribers of the pages holding one of the components it
     * names.
     */
    private List<Audience> byComponents(Row row) {
        List<UUID> components = new ArrayList<>();
        row.payload().path("componentIds").valueStream().forEach(id -> components.add(UUID.fromString(id.asString())));
        return components.isEmpty() ? List.of() : subscribersOf(row.workspaceId(), "c.id", components);
    }

    /**
     * The confirmed subscribers of the workspace's public pages with a component whose {@code column} (its monitor
     * or its own id) is one of {@code ids}; those who chose components, only for one of theirs. Only the row's own
     * workspace's pages: an id named in a payload never reaches another tenant's page.
     */
    private List<Audience> subscribersOf(UUID workspaceId, String column, List<UUID> ids) {
        return jdbc.sql("""
                        SELECT s.id, s.page_id FROM status_page_subscribers s
                        JOIN status_pages p ON p.id = s.page_id
                        WHERE p.workspace_id = ? AND s.confirmed_at IS NOT NULL
                          AND p.password_hash IS NULL AND cardinality(p.allowed_ips) = 0
                          AND EXISTS (SELECT 1 FROM status_page_components c
                                      WHERE c.page_id = p.id AND %s = ANY(?)
                                        AND (cardinality(s.component_ids) = 0 OR c.id = ANY(s.component_ids)))
                        ORDER BY s.created_at, s.id""".formatted(column))
                .params(workspaceId, ids.toArray(UUID[]::new))
                .query((rs, n) -> new Audience(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list();
    }

    /**
     * Whether the row is half of an opening and a resolution less than {@code delay} apart: for an opening, the first
     * resolution after it; for a resolution, the last opening before it.
     */
    private boolean isBlip(Row row) {
        Duration delay = properties.delay();
        if (delay.isZero() || row.incidentId() == null) {
            return false;
        }
        boolean opening = OPENINGS.contains(row.event());
        Timestamp other = jdbc.sql(opening ? """
                        SELECT min(created_at) FROM notification_outbox
                        WHERE incident_id = ? AND event = 'incident.resolved' AND created_at >= ?"""
                        : """
                        SELECT max(created_at) FROM notification_outbox
                        WHERE incident_id = ? AND event IN ('incident.opened', 'incident.reopened')
                          AND created_at <= ?""")
                .params(row.incidentId(), Timestamp.from(row.createdAt()))
                .query(Timestamp.class).optional().orElse(null);
        if (other == null) {
            return false;
        }
        Duration apart = Duration.between(opening ? row.createdAt() : other.toInstant(),
                opening ? other.toInstant() : row.createdAt()).abs();
        return apart.compareTo(delay) < 0;
    }

    /** The delivery id of (outbox row, subscriber): the same whoever fans out, however often. */
    static UUID deliveryId(UUID outboxId, UUID subscriberId) {
        return UUID.nameUUIDFromBytes((outboxId + "|subscriber:" + subscriberId).getBytes(StandardCharsets.UTF_8));
    }
}
