package dev.vigil.api.oneshot;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The api's side of the reply path: the one-shot check rows the ingest checks results against, and the reads of what
 * the regions answered ({@code one_shot_results} for a one-shot check, {@code check_results} for "run now").
 */
@Component
class OneShotResults {

    /** Checks whose api instance died while waiting are swept this long after nobody waits for them any more. */
    private static final Duration SWEEP_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;

    OneShotResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the check, so the ingest accepts its results from these regions for this workspace. */
    void open(UUID checkId, UUID workspaceId, List<String> regions, Instant now, Instant expiresAt) {
        jdbc.sql("DELETE FROM one_shot_checks WHERE expires_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(SWEEP_AFTER))).update();
        jdbc.sql("""
                        INSERT INTO one_shot_checks (id, workspace_id, regions, expires_at)
                        VALUES (:id, :workspace, :regions, :expires)""")
                .param("id", checkId).param("workspace", workspaceId)
                .param("regions", regions.toArray(String[]::new))
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** Deletes the check and its results; answers arriving later are dropped by the ingest. */
    void close(UUID checkId) {
        jdbc.sql("DELETE FROM one_shot_checks WHERE id = :id").param("id", checkId).update();
    }

    /** The regions that answered the one-shot check so far. */
    Map<String, RegionAnswer> oneShotAnswers(UUID checkId) {
        Map<String, RegionAnswer> answers = new HashMap<>();
        jdbc.sql("SELECT region, result::text AS result FROM one_shot_results WHERE check_id = :id")
                .param("id", checkId)
                .query((ResultSet rs) -> {
                    CheckResult result = WireJson.read(rs.getString("result"), CheckResult.class);
                    answers.put(rs.getString("region"), RegionAnswer.of(result));
                });
        return answers;
    }

    /** The regions that answered a monitor's "run now" so far: its ON_DEMAND results of that instant, by job. */
    Map<String, RegionAnswer> monitorAnswers(UUID monitorId, Instant scheduledAt, Map<UUID, String> jobs) {
        Map<String, RegionAnswer> answers = new HashMap<>();
        jdbc.sql("""
                        SELECT job_id, region, started_at, ok, degraded, latency_ms, dns_ms, connect_ms, tls_ms,
                               first_byte_ms, status_code, error, message, details::text AS details, tls_days_left
                        FROM check_results WHERE monitor_id = :monitor AND time = :time AND job_id = ANY (:jobs)""")
                .param("monitor", monitorId).param("time", Timestamp.from(scheduledAt))
                .param("jobs", jobs.keySet().toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    String region = jobs.get(rs.getObject("job_id", UUID.class));
                    answers.put(region, answer(region, rs));
                });
        return answers;
    }

    private static RegionAnswer answer(String region, ResultSet rs) throws SQLException {
        boolean ok = rs.getBoolean("ok");
        String status = !ok ? "DOWN" : rs.getBoolean("degraded") ? "DEGRADED" : "UP";
        Timestamp started = rs.getTimestamp("started_at");
        String details = rs.getString("details");
        List<AssertionOutcome> assertions = details == null ? List.of()
                : WireJson.read(details, Details.class).assertions();
        String error = rs.getString("message");
        if (!ok) {
            error = assertions.stream().filter(a -> !a.passed()).map(AssertionOutcome::message).findFirst()
                    .orElse(error);
        }
        return new RegionAnswer(region, status, rs.getLong("latency_ms"), rs.getObject("status_code", Integer.class),
                new RegionAnswer.Timings(longOrNull(rs, "dns_ms"), longOrNull(rs, "connect_ms"),
                        longOrNull(rs, "tls_ms"), longOrNull(rs, "first_byte_ms")),
                rs.getString("error"), ok ? null : error, assertions == null ? List.of() : assertions,
                rs.getObject("tls_days_left", Integer.class), started == null ? null : started.toInstant());
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The stored {@code details} column: assertion outcomes and plugin perf data. */
    private record Details(List<AssertionOutcome> assertions) {
    }
}
