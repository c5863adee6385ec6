package dev.vigil.api.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads raw results; the caller has already checked the monitor belongs to the workspace. */
@Component
public class ResultQueries {

    private final JdbcClient jdbc;

    ResultQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ResultView> recent(UUID monitorId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT r.job_id, r.time, r.region, r.kind, r.ok, r.degraded, r.latency_ms, r.status_code,
                               r.error, r.message, r.dns_ms, r.connect_ms, r.tls_ms, r.first_byte_ms,
                               cr.verdict, cr.failed_regions, s.last_round_at >= r.time AS applied
                        FROM check_results r
                                 LEFT JOIN check_rounds cr ON cr.round_id = r.round_id
                                 LEFT JOIN monitor_states s ON s.monitor_id = r.monitor_id
                        WHERE r.monitor_id = :monitor AND r.time >= :from AND r.time < :to
                        ORDER BY r.time DESC, r.region
                        LIMIT :limit""")
                .param("monitor", monitorId)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .param("limit", limit)
                .query(ResultQueries::view)
                .list();
    }

    private static ResultView view(ResultSet rs, int row) throws SQLException {
        boolean ok = rs.getBoolean("ok");
        String region = rs.getString("region");
        String roundStatus = null;
        String note = null;
        if (!ok) {
            String verdict = rs.getString("verdict");
            if ("DOWN".equals(verdict)) {
                roundStatus = "CONFIRMED_DOWN";
                List<String> others = new java.util.ArrayList<>(List.of((String[]) rs.getArray("failed_regions")
                        .getArray()));
                others.remove(region);
                note = "failed in " + region + (others.isEmpty() ? ", down" : ", confirmed from "
                        + String.join(", ", others));
            } else if ("NOT_CONFIRMED".equals(verdict) || rs.getBoolean("applied")) {
                roundStatus = "NOT_CONFIRMED";
                note = "failed in " + region + ", not confirmed";
            } else {
                roundStatus = "AWAITING_CONFIRMATION";
                note = "failed in " + region + ", awaiting confirmation";
            }
        }
        return new ResultView(rs.getObject("job_id", UUID.class), rs.getTimestamp("time").toInstant(), region,
                rs.getString("kind"), ok, rs.getBoolean("degraded"), rs.getLong("latency_ms"),
                (Integer) rs.getObject("status_code", Integer.class), rs.getString("message"), rs.getString("error"),
                new ResultView.Timings(rs.getObject("dns_ms", Integer.class), rs.getObject("connect_ms", Integer.class),
                        rs.getObject("tls_ms", Integer.class), rs.getObject("first_byte_ms", Integer.class)),
                roundStatus, note);
    }
}
