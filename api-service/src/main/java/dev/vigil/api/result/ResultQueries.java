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
class ResultQueries {

    private final JdbcClient jdbc;

    ResultQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ResultView> recent(UUID monitorId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT job_id, time, region, kind, ok, degraded, latency_ms, status_code, error, message,
                               dns_ms, connect_ms, tls_ms, first_byte_ms
                        FROM check_results
                        WHERE monitor_id = :monitor AND time >= :from AND time < :to
                        ORDER BY time DESC, region
                        LIMIT :limit""")
                .param("monitor", monitorId)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .param("limit", limit)
                .query(ResultQueries::view)
                .list();
    }

    private static ResultView view(ResultSet rs, int row) throws SQLException {
        return new ResultView(rs.getObject("job_id", UUID.class), rs.getTimestamp("time").toInstant(),
                rs.getString("region"), rs.getString("kind"), rs.getBoolean("ok"), rs.getBoolean("degraded"),
                rs.getLong("latency_ms"), (Integer) rs.getObject("status_code", Integer.class),
                rs.getString("message"), rs.getString("error"),
                new ResultView.Timings(rs.getObject("dns_ms", Integer.class), rs.getObject("connect_ms", Integer.class),
                        rs.getObject("tls_ms", Integer.class), rs.getObject("first_byte_ms", Integer.class)));
    }
}
