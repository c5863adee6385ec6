package dev.vigil.api.uptime;

import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads monitors' {@link UptimeHistory}: their state transitions since a given instant, preceded by the last one
 * before it (the state at the start), their maintenance windows overlapping that period and the rounds their probes
 * skipped. Three queries for any number of monitors; never over raw check results. The caller has already checked the monitors are the caller's.
 */
@Component
public class UptimeHistories {

    static final int MAX_OCCURRENCES = 4000;

    private final JdbcClient jdbc;

    UptimeHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One monitor's history from {@code from} until {@code now}. */
    public UptimeHistory of(UUID monitorId, Instant from, Instant now) {
        return of(List.of(monitorId), from, now).get(monitorId);
    }

    /** Each monitor's history from {@code from} until {@code now}; every monitor asked about has one. */
    public Map<UUID, UptimeHistory> of(Collection<UUID> monitorIds, Instant from, Instant now) {
        Map<UUID, List<UptimeHistory.Transition>> transitions = new HashMap<>();
        Map<UUID, List<UptimeHistory.Span>> maintenance = new HashMap<>();
        if (!monitorIds.isEmpty()) {
            jdbc.sql("""
                            (SELECT DISTINCT ON (monitor_id) monitor_id, at, to_status, id FROM monitor_transitions
                             WHERE monitor_id = ANY(CAST(:ids AS uuid[])) AND at < :from
                             ORDER BY monitor_id, at DESC, id DESC)
                            UNION ALL
                            (SELECT monitor_id, at, to_status, id FROM monitor_transitions
                             WHERE monitor_id = ANY(CAST(:ids AS uuid[])) AND at >= :from AND at < :now)
                            ORDER BY monitor_id, at, id""")
                    .param("ids", ids(monitorIds)).param("from", Timestamp.from(from)).param("now", Timestamp.from(now))
                    .query(rs -> {
                        transitions.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                                .add(new UptimeHistory.Transition(rs.getTimestamp("at").toInstant(),
                                        rs.getString("to_status")));
                    });
            // A recurring window's row holds its first occurrence; the series may reach the period long after it.
            Map<UUID, List<UptimeHistory.Span>> byWindow = new HashMap<>();
            jdbc.sql("""
                            SELECT l.monitor_id, w.id, w.starts_at, w.ends_at, w.recurrence, w.time_zone
                            FROM maintenance_windows w JOIN maintenance_window_monitors l ON l.window_id = w.id
                            WHERE l.monitor_id = ANY(CAST(:ids AS uuid[])) AND w.starts_at < :now
                              AND (w.ends_at > :from OR (w.recurrence IS NOT NULL
                                   AND (w.series_ends_at IS NULL OR w.series_ends_at > :from)))""")
                    .param("ids", ids(monitorIds)).param("from", Timestamp.from(from)).param("now", Timestamp.from(now))
                    .query(rs -> {
                        // Worked out once per window: one that covers a whole workspace is a row per monitor.
                        List<UptimeHistory.Span> spans = byWindow.get(rs.getObject("id", UUID.class));
                        if (spans == null) {
                            spans = occurrences(rs.getTimestamp("starts_at").toInstant(),
                                    rs.getTimestamp("ends_at").toInstant(), rs.getString("recurrence"),
                                    rs.getString("time_zone"), from, now);
                            byWindow.put(rs.getObject("id", UUID.class), spans);
                        }
                        maintenance.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                                .addAll(spans);
                    });
        }
        Map<UUID, List<UptimeHistory.Span>> noData = monitorIds.isEmpty() ? Map.of() : noData(monitorIds, from, now);
        Map<UUID, UptimeHistory> histories = new HashMap<>();
        for (UUID id : monitorIds) {
            histories.put(id, UptimeHistory.of(transitions.getOrDefault(id, List.of()),
                    maintenance.getOrDefault(id, List.of()), noData.getOrDefault(id, List.of()), now));
        }
        return histories;
    }

    /**
     * The spans of one window within {@code [from, now)}: a one-off window is itself; a recurring one is each of its
     * occurrences there (at most {@link #MAX_OCCURRENCES}: a daily window over ten years). A rule stored before it
     * could be checked, and no longer parses, counts as its first occurrence only, as before.
     */
    static List<UptimeHistory.Span> occurrences(Instant startsAt, Instant endsAt, String recurrence, String timeZone,
                                                Instant from, Instant now) {
        if (recurrence == null) {
            return List.of(new UptimeHistory.Span(startsAt, endsAt));
        }
        try {
            return MaintenanceRecurrence.of(recurrence, timeZone, startsAt, Duration.between(startsAt, endsAt))
                    .between(from, now, MAX_OCCURRENCES).stream()
                    .map(o -> new UptimeHistory.Span(o.startsAt(), o.endsAt())).toList();
        } catch (MaintenanceRecurrence.InvalidRule | MaintenanceRecurrence.InvalidZone e) {
            return List.of(new UptimeHistory.Span(startsAt, endsAt));
        }
    }

    /**
     * The ids as one array parameter: a workspace's overview asks about every monitor it has, and an {@code IN} list
     * of 100,000 bind parameters is past what the protocol carries (65,535) and slow to plan long before that.
     */
    private static String[] ids(Collection<UUID> monitorIds) {
        return monitorIds.stream().map(UUID::toString).toArray(String[]::new);
    }

    /**
     * The rounds every region of each monitor skipped within the period. Runs are read by the monitor index on
     * {@code last_at}; a run ending up to a day (the longest interval) before {@code from} may still cover it.
     */
    private Map<UUID, List<UptimeHistory.Span>> noData(Collection<UUID> monitorIds, Instant from, Instant now) {
        Map<UUID, Map<String, List<UptimeHistory.Span>>> skipped = new HashMap<>();
        Map<UUID, List<String>> regions = new HashMap<>();
        jdbc.sql("""
                        SELECT s.monitor_id, s.region, s.first_at, s.last_at, s.interval_seconds, m.regions
                        FROM skipped_checks s JOIN monitors m ON m.id = s.monitor_id
                        WHERE s.monitor_id = ANY(CAST(:ids AS uuid[])) AND s.last_at >= :reach
                          AND s.first_at < :now""")
                .param("ids", ids(monitorIds)).param("reach", Timestamp.from(from.minus(Duration.ofDays(1))))
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    UUID id = rs.getObject("monitor_id", UUID.class);
                    Instant last = rs.getTimestamp("last_at").toInstant();
                    skipped.computeIfAbsent(id, k -> new HashMap<>())
                            .computeIfAbsent(rs.getString("region"), k -> new ArrayList<>())
                            .add(new UptimeHistory.Span(rs.getTimestamp("first_at").toInstant(),
                                    last.plusSeconds(rs.getInt("interval_seconds"))));
                    regions.computeIfAbsent(id, k -> {
                        try {
                            return List.of((String[]) rs.getArray("regions").getArray());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
        Map<UUID, List<UptimeHistory.Span>> noData = new HashMap<>();
        skipped.forEach((id, byRegion) -> noData.put(id,
                UptimeHistory.skippedByEveryRegion(byRegion, regions.get(id))));
        return noData;
    }
}
