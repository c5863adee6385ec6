package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders: a channel with {@code remind_every_minutes} hears an incident's alert again every that many minutes while
 * the incident stays open and unacknowledged. Each pass:
 *
 * <ol>
 *   <li>finds, for every open unacknowledged incident, each reminding channel that was alerted (opened, reopened or
 *       escalated; not suppressed) and when it last was — the alert the reminders repeat;</li>
 *   <li>works out the reminder now due ({@code floor((now - since) / every)}; after a pause only the latest is sent,
 *       not a burst of missed ones);</li>
 *   <li>claims it by inserting its {@code incident_reminders} row: the primary key makes two instances (or two passes)
 *       queue it once;</li>
 *   <li>writes an {@code incident.reminder} outbox row naming that channel only, in the same transaction, so it goes
 *       out through the ordinary fan-out, noise control and retries.</li>
 * </ol>
 *
 * An acknowledgement or the resolution stops them (step 1 no longer finds the incident); a reopening starts a new
 * series from the reopened alert.
 */
@Component
class Reminders {

    private final JdbcClient jdbc;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    Reminders(JdbcClient jdbc, NotifyProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Candidate(UUID incidentId, UUID channelId, UUID workspaceId, UUID monitorId, int everyMinutes,
                             Instant since, int number) {
    }

    /** Queues the reminders due at {@code now}; answers how many. */
    int remind(Instant now) {
        Integer queued = transactions.execute(tx -> {
            // Only reminders due and not yet queued, oldest alert first: a batch never fills up with ones to skip.
            List<Candidate> candidates = jdbc.sql("""
                            WITH alerted AS (
                                SELECT d.incident_id, d.channel_id, i.workspace_id, i.monitor_id,
                                       c.remind_every_minutes AS every, max(d.created_at) AS since
                                FROM incidents i
                                JOIN notification_deliveries d ON d.incident_id = i.id
                                JOIN alert_channels c ON c.id = d.channel_id AND c.workspace_id = i.workspace_id
                                WHERE i.status = 'OPEN' AND i.acknowledged_at IS NULL
                                  AND c.remind_every_minutes IS NOT NULL
                                  AND d.event IN ('incident.opened', 'incident.reopened', 'incident.escalated')
                                  AND d.status <> 'SUPPRESSED'
                                GROUP BY d.incident_id, d.channel_id, i.workspace_id, i.monitor_id,
                                         c.remind_every_minutes),
                            numbered AS (
                                SELECT a.*, floor(extract(epoch FROM (CAST(:now AS timestamptz) - a.since)) / 60
                                                  / a.every)::int AS number
                                FROM alerted a)
                            SELECT * FROM numbered n
                            WHERE n.number >= 1
                              AND NOT EXISTS (SELECT 1 FROM incident_reminders r
                                              WHERE r.incident_id = n.incident_id AND r.channel_id = n.channel_id
                                                AND r.since = n.since AND r.number = n.number)
                            ORDER BY n.since LIMIT :limit""")
                    .param("now", Timestamp.from(now)).param("limit", properties.batchSize())
                    .query((rs, n) -> new Candidate(rs.getObject("incident_id", UUID.class),
                            rs.getObject("channel_id", UUID.class), rs.getObject("workspace_id", UUID.class),
                            rs.getObject("monitor_id", UUID.class), rs.getInt("every"),
                            rs.getTimestamp("since").toInstant(), rs.getInt("number")))
                    .list();
            int count = 0;
            for (Candidate c : candidates) {
                long number = c.number();
                // Stable: the same reminder always gets the same outbox id (and so the same delivery ids).
                UUID outboxId = UUID.nameUUIDFromBytes(("reminder:" + c.incidentId() + ":" + c.channelId() + ":"
                        + c.since().toEpochMilli() + ":" + number).getBytes(StandardCharsets.UTF_8));
                int claimed = jdbc.sql("""
                                INSERT INTO incident_reminders (incident_id, channel_id, since, number, outbox_id)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(c.incidentId(), c.channelId(), Timestamp.from(c.since()), number, outboxId).update();
                if (claimed == 0) {
                    continue;
                }
                Map<String, Object> payload = IncidentPayload.of(jdbc, "incident.reminder", c.incidentId(),
                        c.monitorId(), now);
                payload.put("reminder", number);
                payload.put("channelIds", List.of(c.channelId().toString()));
                payload.put("recipients", List.of());
                payload.put("message", "Still open and not acknowledged (reminder " + number + ", every "
                        + c.everyMinutes() + " min).");
                jdbc.sql("""
                                INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event,
                                                                 payload, created_at)
                                VALUES (?, ?, ?, ?, 'incident.reminder', ?::jsonb, ?)""")
                        .params(outboxId, c.workspaceId(), c.monitorId(), c.incidentId(), WireJson.write(payload),
                                Timestamp.from(now))
                        .update();
                count++;
            }
            return count;
        });
        return queued == null ? 0 : queued;
    }
}
