package dev.vigil.api.uptime;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A monitor's uptime over an API window: uptime and downtime by the one definition of {@link UptimeHistory}, the
 * incidents that overlapped the window, and latency percentiles, from the raw results for 24 hours and from the hourly
 * rollup beyond (each hour's percentile weighted by its number of successful checks: an approximation, as percentiles
 * do not add up exactly).
 */
@Component
public class UptimeCalculator {

    private final JdbcClient jdbc;
    private final UptimeHistories histories;

    UptimeCalculator(JdbcClient jdbc, UptimeHistories histories) {
        this.jdbc = jdbc;
        this.histories = histories;
    }

    public Uptime uptime(UUID monitorId, Instant createdAt, UptimeWindow window, Instant now) {
        return uptimes(monitorId, createdAt, List.of(window), now).getFirst();
    }

    /**
     * A monitor's uptime over each of the windows, in their order, from one read of the longest one's history and
     * one count of its incidents (a monitor's page shows three windows and was three of each).
     */
    public List<Uptime> uptimes(UUID monitorId, Instant createdAt, List<UptimeWindow> windows, Instant now) {
        Instant earliest = windows.stream().map(w -> start(createdAt, w, now)).min(Instant::compareTo).orElseThrow();
        UptimeHistory history = histories.of(monitorId, earliest, now);
        List<Instant> overlapping = jdbc.sql("""
                        SELECT coalesce(resolved_at, ?) AS ended FROM incidents
                        WHERE monitor_id = ? AND started_at < ? AND coalesce(resolved_at, ?) > ?""")
                .params(Timestamp.from(now), monitorId, Timestamp.from(now), Timestamp.from(now),
                        Timestamp.from(earliest))
                .query((rs, row) -> rs.getTimestamp("ended").toInstant()).list();
        List<Uptime> uptimes = new ArrayList<>();
        for (UptimeWindow window : windows) {
            Instant start = start(createdAt, window, now);
            UptimeHistory.Measure measure = history.over(start, now);
            long incidents = overlapping.stream().filter(ended -> ended.isAfter(start)).count();
            Double[] latency = window == UptimeWindow.H24 ? rawPercentiles(monitorId, start, now)
                    : rolledUpPercentiles(monitorId, start, now);
            uptimes.add(new Uptime(window.label, measure.percent(), measure.downSeconds(), incidents, latency[0],
                    latency[1], latency[2]));
        }
        return uptimes;
    }

    /** Each monitor's uptime percent over the window (a list page's column): two queries for all of them. */
    public Map<UUID, Double> percents(Map<UUID, Instant> createdAt, UptimeWindow window, Instant now) {
        return percents(createdAt, List.of(window), now).get(window);
    }

    /**
     * Each monitor's uptime percent over each of the windows, from one read of the longest one's history: a shorter
     * window is the same history seen from a later start (a workspace's overview at 100,000 monitors read it twice).
     */
    public Map<UptimeWindow, Map<UUID, Double>> percents(Map<UUID, Instant> createdAt, List<UptimeWindow> windows,
                                                         Instant now) {
        Duration longest = windows.stream().map(w -> w.length).max(Duration::compareTo).orElseThrow();
        Map<UUID, UptimeHistory> all = histories.of(createdAt.keySet(), now.minus(longest), now);
        Map<UptimeWindow, Map<UUID, Double>> percents = new EnumMap<>(UptimeWindow.class);
        for (UptimeWindow window : windows) {
            Map<UUID, Double> inWindow = new HashMap<>();
            createdAt.forEach((id, created) -> inWindow.put(id,
                    all.get(id).over(start(created, window, now), now).percent()));
            percents.put(window, inWindow);
        }
        return percents;
    }

    /** The window's start: its length before now, but not before the monitor was created. */
    private static Instant start(Instant createdAt, UptimeWindow window, Instant now) {
        Instant start = now.minus(window.length);
        return start.isBefore(createdAt) ? createdAt : start;
    }

    private Double[] rawPercentiles(UUID monitorId, Instant start, Instant end) {
        return jdbc.sql("""
                        SELECT percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
                        FROM check_results
                        WHERE monitor_id = ? AND time >= ? AND time < ? AND kind = 'SCHEDULED' AND ok""")
                .params(monitorId, Timestamp.from(start), Timestamp.from(end))
                .query((rs, row) -> new Double[] {round(rs.getObject("p50", Double.class)),
                        round(rs.getObject("p95", Double.class)), round(rs.getObject("p99", Double.class))})
                .single();
    }

    private Double[] rolledUpPercentiles(UUID monitorId, Instant start, Instant end) {
        return jdbc.sql("""
                        SELECT sum(p50_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p50,
                               sum(p95_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p95,
                               sum(p99_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p99
                        FROM check_results_hourly
                        WHERE monitor_id = ? AND bucket >= ? AND bucket < ? AND p50_ms IS NOT NULL""")
                .params(monitorId, Timestamp.from(start.minus(Duration.ofHours(1))), Timestamp.from(end))
                .query((rs, row) -> new Double[] {round(rs.getObject("p50", Double.class)),
                        round(rs.getObject("p95", Double.class)), round(rs.getObject("p99", Double.class))})
                .single();
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
