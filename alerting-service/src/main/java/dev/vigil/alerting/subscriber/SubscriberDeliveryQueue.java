package dev.vigil.alerting.subscriber;

import dev.vigil.alerting.notify.sender.SendResult;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriber deliveries on their way through an attempt, as alert deliveries go: claimed with
 * {@code FOR UPDATE SKIP LOCKED} and set SENDING with a lease (the intent committed before the send), sent outside
 * any transaction with the delivery id as Message-ID / {@code webhook-id}, then completed guarded by the attempt
 * number. A sender that dies mid-send leaves the delivery SENDING; its lease runs out and the same id is sent again.
 */
@Component
class SubscriberDeliveryQueue {

    private final JdbcClient jdbc;
    private final SubscriberProperties properties;
    private final TransactionTemplate transactions;

    SubscriberDeliveryQueue(JdbcClient jdbc, SubscriberProperties properties,
                            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** How long a claimed attempt may take before another pass may take it over. */
    Duration lease() {
        return properties.timeout().multipliedBy(properties.batchSize()).plusSeconds(30);
    }

    List<SubscriberDelivery> claim(Instant now) {
        List<SubscriberDelivery> claimed = transactions.execute(tx -> {
            List<UUID> ids = jdbc.sql("""
                            WITH due AS (
                                SELECT d.id FROM subscriber_deliveries d
                                JOIN notification_outbox o ON o.id = d.outbox_id
                                WHERE d.status IN ('PENDING', 'SENDING') AND d.next_attempt_at <= ?
                                  -- A subscriber hears of events in order: a resolution never before its opening.
                                  AND NOT EXISTS (
                                      SELECT 1 FROM subscriber_deliveries e
                                      JOIN notification_outbox eo ON eo.id = e.outbox_id
                                      WHERE e.subscriber_id = d.subscriber_id
                                        AND e.status IN ('PENDING', 'SENDING') AND eo.created_at < o.created_at)
                                ORDER BY d.next_attempt_at, o.created_at LIMIT ? FOR UPDATE OF d SKIP LOCKED)
                            UPDATE subscriber_deliveries d
                            SET status = 'SENDING', attempts = d.attempts + 1, next_attempt_at = ?
                            FROM due WHERE d.id = due.id
                            RETURNING d.id""")
                    .params(Timestamp.from(now), properties.batchSize(), Timestamp.from(now.plus(lease())))
                    .query(UUID.class).list();
            if (ids.isEmpty()) {
                return List.<SubscriberDelivery>of();
            }
            return jdbc.sql("""
                            SELECT d.id, d.subscriber_id, d.attempts, d.give_up_at, d.event,
                                   o.payload::text AS payload, o.monitor_id, s.kind, s.email, s.webhook_url,
                                   s.secret_sealed, s.unsubscribe_token, p.id AS page_id, p.slug, p.title, p.language
                            FROM subscriber_deliveries d
                            JOIN notification_outbox o ON o.id = d.outbox_id
                            JOIN status_page_subscribers s ON s.id = d.subscriber_id
                            JOIN status_pages p ON p.id = d.page_id
                            WHERE d.id IN (:ids) ORDER BY o.created_at""")
                    .param("ids", ids)
                    .query((rs, n) -> new SubscriberDelivery(rs.getObject("id", UUID.class),
                            rs.getObject("subscriber_id", UUID.class), rs.getInt("attempts"),
                            rs.getTimestamp("give_up_at").toInstant(), rs.getString("event"),
                            rs.getString("payload"), rs.getString("kind"), rs.getString("email"),
                            rs.getString("webhook_url"), rs.getString("secret_sealed"),
                            rs.getString("unsubscribe_token"), rs.getObject("page_id", UUID.class),
                            rs.getString("slug"), rs.getString("title"), rs.getString("language"),
                            rs.getObject("monitor_id", UUID.class)))
                    .list();
        });
        return claimed == null ? List.of() : claimed;
    }

    /** Records one attempt: DELIVERED, due again after the backoff, or FAILED past the give-up time. */
    void complete(SubscriberDelivery delivery, SendResult result, Instant now) {
        if (result.delivered()) {
            jdbc.sql("""
                            UPDATE subscriber_deliveries SET status = 'DELIVERED', delivered_at = ?,
                                   response_code = ?, last_error = NULL
                            WHERE id = ? AND attempts = ? AND status = 'SENDING'""")
                    .params(Timestamp.from(now), result.responseCode(), delivery.id(), delivery.attempt()).update();
            return;
        }
        Instant next = now.plus(backoff(delivery.attempt()));
        boolean giveUp = !next.isBefore(delivery.giveUpAt());
        jdbc.sql("""
                        UPDATE subscriber_deliveries SET status = ?, next_attempt_at = ?, response_code = ?,
                               last_error = ?
                        WHERE id = ? AND attempts = ? AND status = 'SENDING'""")
                .params(giveUp ? "FAILED" : "PENDING", Timestamp.from(giveUp ? now : next), result.responseCode(),
                        result.error(), delivery.id(), delivery.attempt())
                .update();
    }

    /** retry-base doubled per attempt, at most retry-max. */
    Duration backoff(int attempt) {
        Duration delay = properties.retryBase();
        for (int i = 1; i < attempt && delay.compareTo(properties.retryMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
    }
}
