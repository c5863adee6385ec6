package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.sender.SendResult;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliveries' state on the way through an attempt. Exactly-once delivery to a receiver that dedupes rests on
 * three steps, each its own transaction, each for a whole batch of deliveries at once:
 * <ol>
 *   <li>{@link #claim}: due deliveries are taken with {@code FOR UPDATE SKIP LOCKED} (two instances never take the
 *       same one), set SENDING with a lease ({@code next_attempt_at} = now + lease), and the attempt is written with
 *       outcome SENDING: the intent is committed before anything is sent;</li>
 *   <li>the send, outside any transaction, carrying the delivery id;</li>
 *   <li>{@link #completeAll}: the outcomes, guarded by the attempt number, so a sender whose lease ran out and
 *       whose delivery was taken over cannot overwrite the newer attempt.</li>
 * </ol>
 * A crash between 2 and 3 leaves the delivery SENDING; when its lease runs out it is due again, the stale attempt is
 * marked ABANDONED and the same delivery id is sent again, which the receiver recognises.
 */
@Component
class DeliveryQueue {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final NotifyProperties properties;
    private final ChannelHealth health;
    private final RetryPolicy retries;
    private final TransactionTemplate transactions;

    DeliveryQueue(JdbcClient jdbc, JdbcTemplate jdbcTemplate, NotifyProperties properties, ChannelHealth health,
                  RetryPolicy retries, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.properties = properties;
        this.health = health;
        this.retries = retries;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * How long a claimed attempt may take before another instance may take the delivery over: a batch is sent
     * {@code send-concurrency} at a time, so the last of it may wait for that many waves of the longest timeout.
     */
    Duration lease() {
        Duration longest = properties.timeouts().values().stream().reduce(properties.timeout(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
        int waves = (properties.batchSize() + properties.sendConcurrency() - 1) / properties.sendConcurrency();
        return longest.multipliedBy(waves).plusSeconds(30);
    }

    List<ClaimedDelivery> claim(Instant now) {
        return transactions.execute(tx -> {
            List<UUID> ids = jdbc.sql("""
                            WITH due AS (
                                SELECT d.id FROM notification_deliveries d
                                JOIN notification_outbox o ON o.id = d.outbox_id
                                WHERE d.status IN ('PENDING', 'SENDING') AND d.next_attempt_at <= ?
                                  -- An incident's events reach a channel in order: resolved never before opened.
                                  AND NOT EXISTS (
                                      SELECT 1 FROM notification_deliveries e
                                      JOIN notification_outbox eo ON eo.id = e.outbox_id
                                      WHERE e.channel_id = d.channel_id AND e.incident_id = d.incident_id
                                        AND e.status IN ('PENDING', 'SENDING') AND eo.created_at < o.created_at)
                                ORDER BY d.next_attempt_at, o.created_at LIMIT ? FOR UPDATE OF d SKIP LOCKED)
                            UPDATE notification_deliveries d
                            SET status = 'SENDING', attempts = d.attempts + 1, next_attempt_at = ?
                            FROM due WHERE d.id = due.id
                            RETURNING d.id""")
                    .params(Timestamp.from(now), properties.batchSize(), Timestamp.from(now.plus(lease())))
                    .query(UUID.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            // An attempt still SENDING belongs to a sender that died (or overran its lease) after recording intent.
            jdbc.sql("""
                            UPDATE delivery_attempts SET outcome = 'ABANDONED', finished_at = :now
                            WHERE delivery_id IN (:ids) AND outcome = 'SENDING'""")
                    .param("now", Timestamp.from(now)).param("ids", ids).update();
            jdbc.sql("""
                            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, outcome)
                            SELECT id, attempts, :now, 'SENDING' FROM notification_deliveries WHERE id IN (:ids)""")
                    .param("now", Timestamp.from(now)).param("ids", ids).update();
            return jdbc.sql("""
                            SELECT d.id, d.workspace_id, d.channel_id, d.recipient, d.attempts, d.give_up_at,
                                   d.event, o.payload::text AS payload, COALESCE(c.type, 'EMAIL') AS type,
                                   COALESCE(c.name, d.recipient) AS name, c.config_sealed
                            FROM notification_deliveries d
                            JOIN notification_outbox o ON o.id = d.outbox_id
                            LEFT JOIN alert_channels c ON c.id = d.channel_id
                            WHERE d.id IN (:ids) ORDER BY o.created_at""")
                    .param("ids", ids)
                    .query((rs, n) -> new ClaimedDelivery(rs.getObject("id", UUID.class),
                            rs.getObject("workspace_id", UUID.class), rs.getObject("channel_id", UUID.class),
                            rs.getString("recipient"), rs.getInt("attempts"),
                            rs.getTimestamp("give_up_at").toInstant(), rs.getString("event"),
                            rs.getString("payload"), rs.getString("type"), rs.getString("name"),
                            rs.getString("config_sealed")))
                    .list();
        });
    }

    /** One attempt's outcome, to be recorded. */
    record Outcome(ClaimedDelivery delivery, SendResult result) {
    }

    /** Records one attempt's outcome ({@link #completeAll} of one). */
    void complete(ClaimedDelivery delivery, SendResult result, Instant now) {
        completeAll(List.of(new Outcome(delivery, result)), now);
    }

    /**
     * Records attempts' outcomes in one transaction: DELIVERED, due again after the backoff, or FAILED past the
     * give-up time. Each row is guarded by its attempt number, as one at a time would be. Deliveries that succeeded
     * are written as two JDBC batches (one round trip each) and make their channels healthy once per channel; the
     * rarer failures take their own statements (backoff, channel health counts).
     */
    void completeAll(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        transactions.executeWithoutResult(tx -> {
            jdbcTemplate.batchUpdate("""
                            UPDATE delivery_attempts SET outcome = ?, finished_at = ?, response_code = ?, error = ?
                            WHERE delivery_id = ? AND attempt = ? AND outcome = 'SENDING'""",
                    outcomes.stream().map(o -> new Object[] {o.result().delivered() ? "DELIVERED" : "FAILED", at,
                            o.result().responseCode(), o.result().error(), o.delivery().id(),
                            o.delivery().attempt()}).toList());
            List<Outcome> delivered = outcomes.stream().filter(o -> o.result().delivered()).toList();
            int[] updated = jdbcTemplate.batchUpdate("""
                            UPDATE notification_deliveries SET status = 'DELIVERED', delivered_at = ?,
                                   response_code = ?, last_error = NULL
                            WHERE id = ? AND attempts = ? AND status = 'SENDING'""",
                    delivered.stream().map(o -> new Object[] {at, o.result().responseCode(), o.delivery().id(),
                            o.delivery().attempt()}).toList());
            Set<UUID> healthy = new TreeSet<>();
            for (int i = 0; i < delivered.size(); i++) {
                // A driver may answer SUCCESS_NO_INFO (-2) for a batched row; only 0 means the guard refused it.
                if (updated[i] != 0 && delivered.get(i).delivery().channelId() != null) {
                    healthy.add(delivered.get(i).delivery().channelId());
                }
            }
            healthy.forEach(health::succeeded);
            for (Outcome failed : outcomes) {
                if (!failed.result().delivered()) {
                    recordFailure(failed.delivery(), failed.result(), now);
                }
            }
        });
    }

    private void recordFailure(ClaimedDelivery delivery, SendResult result, Instant now) {
        Instant next = now.plus(retries.delayAfter(delivery.attempt()));
        boolean giveUp = !next.isBefore(delivery.giveUpAt());
        int updated = jdbc.sql("""
                        UPDATE notification_deliveries SET status = ?, next_attempt_at = ?,
                               response_code = ?, last_error = ?
                        WHERE id = ? AND attempts = ? AND status = 'SENDING'""")
                .params(giveUp ? "FAILED" : "PENDING", Timestamp.from(giveUp ? now : next),
                        result.responseCode(), result.error(), delivery.id(), delivery.attempt())
                .update();
        if (updated > 0 && delivery.channelId() != null) {
            health.failed(delivery.channelId(), result.error(), now);
        }
    }
}
