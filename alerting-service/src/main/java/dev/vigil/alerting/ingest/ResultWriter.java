package dev.vigil.alerting.ingest;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes results to {@code check_results}. {@code ON CONFLICT DO NOTHING} on (job_id, time) makes a redelivered
 * result a no-op.
 */
@Component
public class ResultWriter {

    private static final String INSERT = """
            INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind, started_at, ok,
                                       degraded, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, status_code,
                                       error, message, details, tls_days_left, response_bytes, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;

    public ResultWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the batch in one transaction; answers how many were new. */
    @Transactional
    public int write(List<CheckResult> results) {
        int[][] counts = jdbc.batchUpdate(INSERT, results, results.size(), ResultWriter::bind);
        int inserted = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                inserted += Math.max(count, 0);
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement ps, CheckResult r) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(r.scheduledAt()));
        ps.setObject(2, r.jobId());
        ps.setObject(3, r.roundId());
        ps.setObject(4, r.monitorId());
        ps.setObject(5, r.workspaceId());
        ps.setString(6, r.region());
        ps.setString(7, r.kind().name());
        ps.setTimestamp(8, Timestamp.from(r.startedAt()));
        ps.setBoolean(9, r.ok());
        ps.setBoolean(10, r.degraded());
        ps.setInt(11, (int) Math.min(r.latencyMs(), Integer.MAX_VALUE));
        setLong(ps, 12, r.timings().dnsMs());
        setLong(ps, 13, r.timings().connectMs());
        setLong(ps, 14, r.timings().tlsMs());
        setLong(ps, 15, r.timings().firstByteMs());
        if (r.statusCode() == null) {
            ps.setNull(16, Types.SMALLINT);
        } else {
            ps.setShort(16, r.statusCode().shortValue());
        }
        ps.setString(17, r.error() == null ? null : r.error().name());
        ps.setString(18, r.message());
        ps.setString(19, details(r));
        if (r.tlsDaysLeft() == null) {
            ps.setNull(20, Types.INTEGER);
        } else {
            ps.setInt(20, r.tlsDaysLeft());
        }
        if (r.responseBytes() == null) {
            ps.setNull(21, Types.BIGINT);
        } else {
            ps.setLong(21, r.responseBytes());
        }
        ps.setShort(22, (short) Math.max(r.attempts(), 1));
    }

    /** Assertion outcomes and plugin perf data, when there are any. */
    private static String details(CheckResult r) {
        if (r.assertions().isEmpty() && r.perfData().isEmpty()) {
            return null;
        }
        return WireJson.write(Map.of("assertions", r.assertions(), "perfData", r.perfData()));
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, (int) Math.min(value, Integer.MAX_VALUE));
        }
    }
}
