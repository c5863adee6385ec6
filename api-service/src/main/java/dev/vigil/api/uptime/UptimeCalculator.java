package dev.vigil.api.uptime;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Uptime from downtime intervals: the periods the monitor was DOWN (its {@code monitor_transitions}), clipped to the
 * window, less maintenance windows (which count neither as downtime nor as monitored time). Latency percentiles come
 * from the raw results for 24 hours, and from the hourly rollup beyond (each hour's percentile weighted by its number
 * of successful checks: an approximation, as percentiles do not add up exactly).
 */
@Component
public class UptimeCalculator {

    private static final String DOWNTIME = """
            WITH flips AS (
                SELECT at, to_status, lead(at) OVER (ORDER BY at, id) AS next_at
                FROM monitor_transitions WHERE monitor_id = :monitor AND at < :end
            ), down AS (
                SELECT range_agg(tstzrange(greatest(at, :start), least(coalesce(next_at, :end), :end))) AS r
                FROM flips
                WHERE to_status = 'DOWN' AND coalesce(next_at, :end) > :start
            ), maintenance AS (%s)
            SELECT coalesce((SELECT sum(extract(epoch FROM upper(x) - lower(x)))
                             FROM unnest(coalesce(down.r, '{}'::tstzmultirange)
                                         - coalesce(maintenance.r, '{}'::tstzmultirange)) x), 0) AS downtime,
                   coalesce((SELECT sum(extract(epoch FROM upper(x) - lower(x)))
                             FROM unnest(coalesce(maintenance.r, '{}'::tstzmultirange)) x), 0) AS maintenance,
                   EXISTS (SELECT 1 FROM monitor_transitions WHERE monitor_id = :monitor AND at < :end) AS evaluated
            FROM down, maintenance""";
    private static final String MAINTENANCE = """
            SELECT range_agg(tstzrange(greatest(w.starts_at, :start), least(w.ends_at, :end))) AS r
            FROM maintenance_windows w JOIN maintenance_window_monitors l ON l.window_id = w.id
            WHERE l.monitor_id = :monitor AND w.starts_at < :end AND w.ends_at > :start""";

    private final JdbcClient jdbc;

    UptimeCalculator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Uptime uptime(UUID monitorId, Instant createdAt, UptimeWindow window, Instant now) {
        Instant start = now.minus(window.length);
        if (start.isBefore(createdAt)) {
            start = createdAt;
        }
        Map<String, Object> down = jdbc.sql(DOWNTIME.formatted(MAINTENANCE))
                .param("monitor", monitorId).param("start", Timestamp.from(start)).param("end", Timestamp.from(now))
                .query().singleRow();
        double downtime = ((Number) down.get("downtime")).doubleValue();
        double maintenance = ((Number) down.get("maintenance")).doubleValue();
        double monitored = Duration.between(start, now).toMillis() / 1000.0 - maintenance;
        Double percent = !(Boolean) down.get("evaluated") || monitored <= 0 ? null
                : Math.round(10_000.0 * Math.max(0, 100.0 * (1 - downtime / monitored))) / 10_000.0;
        long incidents = jdbc.sql("""
                        SELECT count(*) FROM incidents
                        WHERE monitor_id = ? AND started_at < ? AND coalesce(resolved_at, ?) > ?""")
                .params(monitorId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(start))
                .query(Long.class).single();
        Double[] latency = window == UptimeWindow.H24 ? rawPercentiles(monitorId, start, now)
                : rolledUpPercentiles(monitorId, start, now);
        return new Uptime(window.label, percent, Math.round(downtime), incidents, latency[0], latency[1], latency[2]);
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
