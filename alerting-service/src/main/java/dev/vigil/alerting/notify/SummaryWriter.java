package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily or weekly summary emails of the workspaces that opted in ({@code workspaces.summary_frequency}): open
 * incidents, each monitor's uptime over the period (time not inside an incident) and the slowest monitors (hourly
 * rollups' mean latency). A period ends at midnight UTC (weekly: Monday's); each pass:
 *
 * <ol>
 *   <li>finds opted-in workspaces without a summary for the period that just ended;</li>
 *   <li>claims the period by inserting its {@code workspace_summaries} row — the key makes it go out once however
 *       many instances run;</li>
 *   <li>writes a {@code summary} outbox row addressed to the workspace's verified owners and admins, in the same
 *       transaction, so it is sent (and retried) like any alert.</li>
 * </ol>
 */
@Component
class SummaryWriter {

    private static final int SHOWN = 10;

    private final JdbcClient jdbc;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    SummaryWriter(JdbcClient jdbc, NotifyProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The end of the last complete period at {@code now}: midnight UTC, or Monday's midnight for WEEKLY. */
    static Instant periodEnd(String frequency, Instant now) {
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        return frequency.equals("WEEKLY")
                ? midnight.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant()
                : midnight;
    }

    static Duration length(String frequency) {
        return frequency.equals("WEEKLY") ? Duration.ofDays(7) : Duration.ofDays(1);
    }

    /** Queues the summaries due at {@code now}; answers how many. */
    int write(Instant now) {
        Integer written = transactions.execute(tx -> {
            record Due(UUID workspaceId, String name, String frequency) {
            }
            List<Due> due = jdbc.sql("""
                            SELECT w.id, w.name, w.summary_frequency FROM workspaces w
                            WHERE w.summary_frequency IS NOT NULL
                              AND NOT EXISTS (SELECT 1 FROM workspace_summaries s
                                              WHERE s.workspace_id = w.id AND s.frequency = w.summary_frequency
                                                AND s.period_start = CASE w.summary_frequency
                                                    WHEN 'WEEKLY' THEN ?::timestamptz ELSE ?::timestamptz END)
                            LIMIT ?""")
                    .params(Timestamp.from(periodEnd("WEEKLY", now).minus(length("WEEKLY"))),
                            Timestamp.from(periodEnd("DAILY", now).minus(length("DAILY"))), properties.batchSize())
                    .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                    .list();
            int count = 0;
            for (Due d : due) {
                Instant end = periodEnd(d.frequency(), now);
                Instant start = end.minus(length(d.frequency()));
                UUID outboxId = UUID.nameUUIDFromBytes(("summary:" + d.workspaceId() + ":" + d.frequency() + ":"
                        + start).getBytes(StandardCharsets.UTF_8));
                int claimed = jdbc.sql("""
                                INSERT INTO workspace_summaries (workspace_id, frequency, period_start, outbox_id)
                                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(d.workspaceId(), d.frequency(), Timestamp.from(start), outboxId).update();
                if (claimed == 0) {
                    continue;
                }
                List<String> recipients = jdbc.sql("""
                                SELECT u.email FROM workspace_members m JOIN users u ON u.id = m.user_id
                                WHERE m.workspace_id = ? AND m.role IN ('OWNER', 'ADMIN')
                                  AND u.email_verified_at IS NOT NULL
                                ORDER BY u.email""")
                        .param(d.workspaceId()).query(String.class).list();
                if (recipients.isEmpty()) {
                    continue;
                }
                jdbc.sql("""
                                INSERT INTO notification_outbox (id, workspace_id, event, payload, created_at)
                                VALUES (?, ?, 'summary', ?::jsonb, ?)""")
                        .params(outboxId, d.workspaceId(), WireJson.write(payload(d.name(), d.workspaceId(),
                                d.frequency(), start, end, recipients, now)), Timestamp.from(now))
                        .update();
                count++;
            }
            return count;
        });
        return written == null ? 0 : written;
    }

    private Map<String, Object> payload(String workspace, UUID workspaceId, String frequency, Instant start,
                                        Instant end, List<String> recipients, Instant now) {
        List<String> open = jdbc.sql("""
                        SELECT m.name || ' — ' || i.cause || ' (since ' || to_char(i.started_at AT TIME ZONE 'UTC',
                               'YYYY-MM-DD HH24:MI') || ' UTC' || CASE WHEN i.acknowledged_at IS NULL
                               THEN ', not acknowledged' ELSE '' END || ')'
                        FROM incidents i JOIN monitors m ON m.id = i.monitor_id
                        WHERE i.workspace_id = ? AND i.status = 'OPEN' ORDER BY i.started_at LIMIT ?""")
                .params(workspaceId, SHOWN).query(String.class).list();
        // Uptime: the part of the period no incident of the monitor covered (worst first).
        double seconds = Duration.between(start, end).toSeconds();
        List<String> uptime = jdbc.sql("""
                        SELECT m.name, 100 * (1 - coalesce(sum(extract(epoch FROM
                                   least(coalesce(i.resolved_at, :end), :end) - greatest(i.started_at, :start)))
                                   FILTER (WHERE i.id IS NOT NULL), 0) / :seconds) AS percent
                        FROM monitors m
                        LEFT JOIN incidents i ON i.monitor_id = m.id AND i.started_at < :end
                                              AND coalesce(i.resolved_at, :end) > :start
                        WHERE m.workspace_id = :workspace AND m.created_at < :end
                        GROUP BY m.id, m.name ORDER BY percent, m.name LIMIT :limit""")
                .param("end", Timestamp.from(end)).param("start", Timestamp.from(start))
                .param("seconds", seconds).param("workspace", workspaceId).param("limit", SHOWN)
                .query((rs, n) -> rs.getString("name") + ": "
                        + String.format(Locale.ROOT, "%.3f %%", Math.max(0, rs.getDouble("percent"))))
                .list();
        List<String> slowest = jdbc.sql("""
                        SELECT m.name, avg(h.avg_ms) AS avg_ms FROM check_results_hourly h
                        JOIN monitors m ON m.id = h.monitor_id
                        WHERE m.workspace_id = ? AND h.bucket >= ? AND h.bucket < ? AND h.avg_ms IS NOT NULL
                        GROUP BY m.id, m.name ORDER BY avg_ms DESC, m.name LIMIT 5""")
                .params(workspaceId, Timestamp.from(start), Timestamp.from(end))
                .query((rs, n) -> rs.getString("name") + ": "
                        + String.format(Locale.ROOT, "%.0f ms", rs.getDouble("avg_ms")))
                .list();
        String label = frequency.equals("WEEKLY") ? "Weekly" : "Daily";
        StringBuilder text = new StringBuilder();
        text.append(label).append(" summary of ").append(workspace).append(", ").append(start).append(" to ")
                .append(end).append(".\n\nOpen incidents (").append(open.size()).append("):\n");
        open.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\nUptime (lowest first):\n");
        uptime.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\nSlowest monitors (mean latency):\n");
        slowest.forEach(line -> text.append("- ").append(line).append('\n'));
        if (slowest.isEmpty()) {
            text.append("- no check results in the period\n");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "summary");
        payload.put("occurredAt", now.toString());
        payload.put("workspace", Map.of("id", workspaceId.toString(), "name", workspace));
        payload.put("frequency", frequency);
        payload.put("periodStart", start.toString());
        payload.put("periodEnd", end.toString());
        payload.put("openIncidents", open);
        payload.put("uptime", uptime);
        payload.put("slowest", slowest);
        payload.put("channelIds", new ArrayList<>());
        payload.put("recipients", recipients);
        payload.put("message", text.toString());
        return payload;
    }
}
