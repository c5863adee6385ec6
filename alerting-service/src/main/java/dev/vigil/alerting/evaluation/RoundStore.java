package dev.vigil.alerting.evaluation;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.JobKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads monitors and their rounds' results; records the verdict of rounds that saw a failure. */
@Component
class RoundStore {

    private final JdbcClient jdbc;

    RoundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MonitorSettings> settingsOf(UUID monitorId) {
        return jdbc.sql("""
                        SELECT id, workspace_id, name, check_spec::text AS spec, regions, confirmations, timeout_ms,
                               interval_seconds, degraded_above_ms, paused
                        FROM monitors WHERE id = ?""")
                .param(monitorId)
                .query((rs, row) -> new MonitorSettings(rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getString("name"),
                        WireJson.read(rs.getString("spec"), CheckSpec.class),
                        List.of((String[]) rs.getArray("regions").getArray()), rs.getInt("confirmations"),
                        rs.getInt("timeout_ms"), rs.getInt("interval_seconds"),
                        rs.getObject("degraded_above_ms", Integer.class), rs.getBoolean("paused")))
                .optional();
    }

    /**
     * The monitor's rounds scheduled in (after, until], oldest first, each with its SCHEDULED and CONFIRM results.
     * The cause of a failure is its first failed assertion's message, else the error message.
     */
    List<Round> roundsBetween(UUID monitorId, Instant after, Instant until) {
        Map<UUID, Instant> times = new LinkedHashMap<>();
        Map<UUID, List<RoundResult>> results = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT round_id, time, region, kind, ok, degraded, latency_ms, received_at,
                               COALESCE((SELECT a ->> 'message' FROM jsonb_array_elements(details -> 'assertions') a
                                         WHERE (a ->> 'passed')::boolean IS FALSE LIMIT 1),
                                        message, error) AS cause
                        FROM check_results
                        WHERE monitor_id = ? AND time > ? AND time <= ? AND kind IN ('SCHEDULED', 'CONFIRM')
                        ORDER BY time, received_at""")
                .params(monitorId, Timestamp.from(after), Timestamp.from(until))
                .query(rs -> {
                    UUID round = rs.getObject("round_id", UUID.class);
                    times.putIfAbsent(round, rs.getTimestamp("time").toInstant());
                    results.computeIfAbsent(round, r -> new ArrayList<>()).add(new RoundResult(rs.getString("region"),
                            JobKind.valueOf(rs.getString("kind")), rs.getBoolean("ok"), rs.getBoolean("degraded"),
                            rs.getLong("latency_ms"), rs.getString("cause"),
                            rs.getTimestamp("received_at").toInstant()));
                });
        List<Round> rounds = new ArrayList<>(times.size());
        times.forEach((round, time) -> rounds.add(new Round(round, time, results.get(round))));
        return rounds;
    }

    /** Keeps the verdict of a round that saw a failure, for "failed in local-b, not confirmed". */
    void recordVerdict(UUID monitorId, Round round, RoundVerdict verdict, Instant decidedAt) {
        String name;
        List<String> failed;
        List<String> ok;
        String cause;
        if (verdict instanceof RoundVerdict.Down d) {
            name = "DOWN";
            failed = d.failedRegions();
            ok = d.okRegions();
            cause = d.cause();
        } else if (verdict instanceof RoundVerdict.NotConfirmed n) {
            name = "NOT_CONFIRMED";
            failed = n.failedRegions();
            ok = n.okRegions();
            cause = n.cause();
        } else {
            return;
        }
        jdbc.sql("""
                        INSERT INTO check_rounds (round_id, monitor_id, time, verdict, failed_regions, ok_regions, cause,
                                                  decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (round_id) DO UPDATE
                            SET verdict = EXCLUDED.verdict, failed_regions = EXCLUDED.failed_regions,
                                ok_regions = EXCLUDED.ok_regions, cause = EXCLUDED.cause,
                                decided_at = EXCLUDED.decided_at""")
                .params(round.roundId(), monitorId, Timestamp.from(round.scheduledAt()), name,
                        failed.toArray(String[]::new), ok.toArray(String[]::new), cause, Timestamp.from(decidedAt))
                .update();
    }
}
