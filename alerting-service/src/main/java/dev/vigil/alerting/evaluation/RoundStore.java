package dev.vigil.alerting.evaluation;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.JobKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads monitors and their rounds' results; records the verdict of rounds that saw a failure. A monitor's regions are
 * those it can run in: a BROWSER monitor's regions whose live probes have no usable browser are left out, as the
 * scheduler leaves them out, so a failure never waits for a confirmation such a region cannot send.
 */
@Component
class RoundStore {

    private final JdbcClient jdbc;
    private final Supplier<RegionCapabilities> capabilities;

    RoundStore(JdbcClient jdbc) {
        this(jdbc, () -> RegionCapabilities.UNKNOWN);
    }

    @Autowired
    RoundStore(JdbcClient jdbc, Supplier<RegionCapabilities> capabilities) {
        this.jdbc = jdbc;
        this.capabilities = capabilities;
    }

    private static final String SETTINGS = """
            SELECT id, workspace_id, name, check_spec::text AS spec, regions, confirmations, timeout_ms,
                   interval_seconds, degraded_above_ms, paused, failures_in_row, recovery_rounds, flap_detection,
                   flap_transitions, flap_window_rounds
            FROM monitors""";

    Optional<MonitorSettings> settingsOf(UUID monitorId) {
        return jdbc.sql(SETTINGS + " WHERE id = ?").param(monitorId).query(RoundStore::settings).optional()
                .map(m -> runnable(m, capabilities.get()));
    }

    /** The settings of each of {@code monitorIds} that still exists. */
    Map<UUID, MonitorSettings> settingsOf(Collection<UUID> monitorIds) {
        Map<UUID, MonitorSettings> found = new HashMap<>();
        RegionCapabilities capable = capabilities.get();
        jdbc.sql(SETTINGS + " WHERE id = ANY(?)").param(monitorIds.toArray(UUID[]::new))
                .query(RoundStore::settings).list().forEach(m -> found.put(m.id(), runnable(m, capable)));
        return found;
    }

    /** The monitor with only the regions that can run it; all of them when none can (no results come anyway). */
    private static MonitorSettings runnable(MonitorSettings monitor, RegionCapabilities capable) {
        List<String> regions = capable.routable(monitor.check().type(), monitor.regions());
        return regions.isEmpty() || regions.size() == monitor.regions().size() ? monitor
                : monitor.withRegions(regions);
    }

    private static MonitorSettings settings(ResultSet rs, int row) throws SQLException {
        return new MonitorSettings(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("name"), WireJson.read(rs.getString("spec"), CheckSpec.class),
                List.of((String[]) rs.getArray("regions").getArray()), rs.getInt("confirmations"),
                rs.getInt("timeout_ms"), rs.getInt("interval_seconds"),
                rs.getObject("degraded_above_ms", Integer.class), rs.getBoolean("paused"),
                new MonitorSettings.Noise(rs.getObject("failures_in_row", Integer.class),
                        rs.getObject("recovery_rounds", Integer.class), rs.getObject("flap_detection", Boolean.class),
                        rs.getObject("flap_transitions", Integer.class),
                        rs.getObject("flap_window_rounds", Integer.class)));
    }

    /**
     * The rounds of many monitors scheduled in (after, until], each from its own {@code after}, oldest first, each with
     * its SCHEDULED and CONFIRM results: one index range scan per monitor, one round trip for all. The cause of a
     * failure is its first failed assertion's message, else the error message. Runs in the evaluator's transaction.
     */
    Map<UUID, List<Round>> roundsBetween(Map<UUID, Instant> after, Instant until) {
        Map<UUID, Map<UUID, Instant>> times = new HashMap<>();
        Map<UUID, Map<UUID, List<RoundResult>>> results = new HashMap<>();
        UUID[] ids = after.keySet().toArray(UUID[]::new);
        Timestamp[] from = new Timestamp[ids.length];
        for (int i = 0; i < ids.length; i++) {
            from[i] = Timestamp.from(after.get(ids[i]));
        }
        // LATERAL: one index range scan of (monitor_id, time) per monitor, never a hash join over every result; the
        // batch's earliest bound lets the planner skip whole partitions.
        Timestamp earliest = Arrays.stream(from).min(Timestamp::compareTo).orElseThrow();
        // Planned for its values every time (planning is under a millisecond): PostgreSQL may otherwise settle on a
        // generic plan after five runs, and one such plan, made while the day's partition looked small, read and
        // sorted the whole partition at each call (13 MB of temporary files, 0.5-1.9 s a call in bench/api-scale,
        // where the planned call takes a millisecond). SET LOCAL: the evaluator's transaction only, restored below.
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        jdbc.sql("""
                        SELECT w.monitor_id, r.round_id, r.time, r.region, r.kind, r.ok, r.degraded, r.latency_ms,
                               r.received_at, r.cause
                        FROM unnest(?::uuid[], ?::timestamptz[]) AS w(monitor_id, after)
                        CROSS JOIN LATERAL (
                            SELECT c.round_id, c.time, c.region, c.kind, c.ok, c.degraded, c.latency_ms, c.received_at,
                                   CASE WHEN c.ok THEN NULL ELSE
                                       COALESCE((SELECT a ->> 'message'
                                                 FROM jsonb_array_elements(c.details -> 'assertions') a
                                                 WHERE (a ->> 'passed')::boolean IS FALSE LIMIT 1),
                                                c.message, c.error) END AS cause
                            FROM check_results c
                            WHERE c.monitor_id = w.monitor_id AND c.time > w.after AND c.time > ? AND c.time <= ?
                              AND c.kind IN ('SCHEDULED', 'CONFIRM')) r
                        ORDER BY w.monitor_id, r.time, r.received_at""")
                .params(ids, from, earliest, Timestamp.from(until))
                .query(rs -> {
                    UUID monitor = rs.getObject("monitor_id", UUID.class);
                    UUID round = rs.getObject("round_id", UUID.class);
                    times.computeIfAbsent(monitor, m -> new LinkedHashMap<>())
                            .putIfAbsent(round, rs.getTimestamp("time").toInstant());
                    results.computeIfAbsent(monitor, m -> new LinkedHashMap<>())
                            .computeIfAbsent(round, r -> new ArrayList<>()).add(result(rs));
                });
        jdbc.sql("SET LOCAL plan_cache_mode = DEFAULT").update();
        Map<UUID, List<Round>> rounds = new HashMap<>();
        times.forEach((monitor, byRound) -> {
            List<Round> list = new ArrayList<>(byRound.size());
            byRound.forEach((round, time) -> list.add(new Round(round, time, results.get(monitor).get(round))));
            rounds.put(monitor, list);
        });
        return rounds;
    }

    private static RoundResult result(ResultSet rs) throws SQLException {
        return new RoundResult(rs.getString("region"), JobKind.valueOf(rs.getString("kind")), rs.getBoolean("ok"),
                rs.getBoolean("degraded"), rs.getLong("latency_ms"), rs.getString("cause"),
                rs.getTimestamp("received_at").toInstant());
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
        } else if (verdict instanceof RoundVerdict.Tolerated t) {
            // Shown as unconfirmed: a failure recorded and alerted to no one (the API's roundStatus has no other word).
            name = "NOT_CONFIRMED";
            failed = t.failedRegions();
            ok = t.okRegions();
            cause = t.cause();
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
