package dev.vigil.alerting.subscriber;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues {@code status.maintenance-started} and {@code status.maintenance-ended} outbox rows as windows start and
 * end. The notice row and the outbox row commit together; the notice's primary key makes the instance that inserts
 * it first the only one to queue (a racing instance inserts nothing and queues nothing). Windows that started or
 * ended more than {@link #LOOK_BACK} ago are not announced: after a long stop, old news is noise. A recurring
 * window is announced at each occurrence's start and end, a notice kept per occurrence.
 */
@Component
class MaintenanceNotices {

    static final Duration LOOK_BACK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    MaintenanceNotices(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Due(UUID windowId, UUID workspaceId, String kind, String title, String description,
                       Instant startsAt, Instant endsAt) {
    }

    /** Queues the notices due; answers how many. */
    int announce(Instant now) {
        Integer queued = transactions.execute(tx -> {
            Instant since = now.minus(LOOK_BACK);
            List<Due> due = new ArrayList<>(oneOffs(since, now));
            due.addAll(occurrences(since, now));
            int count = 0;
            for (Due notice : due) {
                int inserted = jdbc.sql("""
                                INSERT INTO maintenance_notices (window_id, occurrence_at, kind, at) VALUES (?, ?, ?, ?)
                                ON CONFLICT DO NOTHING""")
                        .params(notice.windowId(), Timestamp.from(notice.startsAt()), notice.kind(),
                                Timestamp.from(now)).update();
                if (inserted == 1) {
                    queue(notice, now);
                    count++;
                }
            }
            return count;
        });
        return queued == null ? 0 : queued;
    }

    /** One-off windows that started (and still run) or ended within {@code [since, now]}, not yet announced. */
    private List<Due> oneOffs(Instant since, Instant now) {
        return jdbc.sql("""
                        SELECT w.id, w.workspace_id, k.kind, w.title, w.description, w.starts_at, w.ends_at
                        FROM maintenance_windows w
                        CROSS JOIN (VALUES ('STARTED'), ('ENDED')) AS k (kind)
                        WHERE w.recurrence IS NULL
                          AND CASE k.kind WHEN 'STARTED' THEN w.starts_at ELSE w.ends_at END BETWEEN :since AND :now
                          AND (k.kind = 'ENDED' OR w.ends_at > :now)
                          AND NOT EXISTS (SELECT 1 FROM maintenance_notices n
                                          WHERE n.window_id = w.id AND n.occurrence_at = w.starts_at
                                            AND n.kind = k.kind)
                        ORDER BY w.starts_at LIMIT 100""")
                .param("since", Timestamp.from(since)).param("now", Timestamp.from(now))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * The occurrences of recurring windows that started (and still run) or ended within {@code [since, now]}; the
     * primary key of {@code maintenance_notices} drops those already announced. A rule that no longer parses is
     * skipped: it cannot say when its occurrences are.
     */
    private List<Due> occurrences(Instant since, Instant now) {
        List<Due> due = new ArrayList<>();
        jdbc.sql("""
                        SELECT id, workspace_id, title, description, starts_at, ends_at, recurrence, time_zone
                        FROM maintenance_windows
                        WHERE recurrence IS NOT NULL AND starts_at <= :now
                          AND (series_ends_at IS NULL OR series_ends_at >= :since)
                        ORDER BY starts_at LIMIT 1000""")
                .param("since", Timestamp.from(since)).param("now", Timestamp.from(now))
                .query(rs -> {
                    Instant first = rs.getTimestamp("starts_at").toInstant();
                    MaintenanceRecurrence rule;
                    try {
                        rule = MaintenanceRecurrence.of(rs.getString("recurrence"), rs.getString("time_zone"), first,
                                Duration.between(first, rs.getTimestamp("ends_at").toInstant()));
                    } catch (MaintenanceRecurrence.InvalidRule | MaintenanceRecurrence.InvalidZone e) {
                        return;
                    }
                    for (MaintenanceRecurrence.Occurrence o : rule.between(since, now.plusMillis(1), 10)) {
                        boolean started = !o.startsAt().isBefore(since) && o.endsAt().isAfter(now);
                        boolean ended = !o.endsAt().isBefore(since) && !o.endsAt().isAfter(now);
                        if (started || ended) {
                            due.add(new Due(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                                    started ? "STARTED" : "ENDED", rs.getString("title"), rs.getString("description"),
                                    o.startsAt(), o.endsAt()));
                        }
                    }
                });
        return due;
    }

    private void queue(Due notice, Instant now) {
        List<String> monitors = jdbc.sql("SELECT monitor_id::text FROM maintenance_window_monitors WHERE window_id = ?")
                .param(notice.windowId()).query(String.class).list();
        String event = notice.kind().equals("STARTED") ? "status.maintenance-started" : "status.maintenance-ended";
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("id", notice.windowId().toString());
        window.put("title", notice.title());
        window.put("description", notice.description());
        window.put("startsAt", notice.startsAt().toString());
        window.put("endsAt", notice.endsAt().toString());
        window.put("monitorIds", monitors);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("occurredAt", now.toString());
        payload.put("maintenance", window);
        // No monitor_id: the alert fan-out finds no channel for it, only subscribers hear of it.
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, event, payload)
                        VALUES (?, ?, ?, ?::jsonb)""")
                .params(UUID.randomUUID(), notice.workspaceId(), event, WireJson.write(payload)).update();
    }
}
