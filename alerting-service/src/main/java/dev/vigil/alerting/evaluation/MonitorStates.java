package dev.vigil.alerting.evaluation;

import dev.vigil.common.json.WireJson;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code monitor_states}, {@code monitor_transitions} and {@code monitors.status}. */
@Component
class MonitorStates {

    private static final String SAVE = """
            UPDATE monitor_states
            SET status = ?, last_round_at = ?, failing = ?, consecutive_ok = ?, consecutive_slow = ?,
                flips = ?::timestamptz[], flapping = ?, last_ping_id = ?, next_evaluation_at = ?, updated_at = now()
            WHERE monitor_id = ?""";
    private static final String SAVE_WITH_CONFIRMATIONS = """
            UPDATE monitor_states
            SET status = ?, last_round_at = ?, failing = ?, consecutive_ok = ?, consecutive_slow = ?,
                flips = ?::timestamptz[], flapping = ?, last_ping_id = ?, next_evaluation_at = ?, confirm_round_id = ?,
                confirm_asked = ?, region_failures = ?::jsonb, updated_at = now()
            WHERE monitor_id = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    MonitorStates(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** A monitor whose evaluation is due, and its type. */
    record Due(UUID monitorId, String type) {
    }

    /**
     * A locked state row with what is kept beside the state machine's state: the heartbeat position, and the round
     * other regions were asked to confirm with the regions asked (so a round's question goes out once).
     */
    record Locked(MonitorState state, long lastPingId, UUID confirmRound, List<String> confirmAsked) {

        Locked(MonitorState state, long lastPingId) {
            this(state, lastPingId, null, List.of());
        }
    }

    List<Due> due(int limit) {
        return jdbc.sql("""
                        SELECT s.monitor_id, m.type FROM monitor_states s JOIN monitors m ON m.id = s.monitor_id
                        WHERE s.next_evaluation_at <= now()
                        ORDER BY s.next_evaluation_at
                        LIMIT ?""")
                .param(limit).query((rs, row) -> new Due(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    /**
     * Claims a due monitor for this transaction. SKIP LOCKED: another instance is evaluating it right now. That
     * instance sees every result committed before it took the lock, and a batch committed after must first update
     * this row (marking it due), which waits for that instance to commit; so the monitor is due again afterwards and
     * nothing is lost by skipping. The row lock is what keeps two instances from applying one round twice.
     */
    Optional<Locked> lockIfDue(UUID monitorId) {
        return jdbc.sql("""
                        SELECT monitor_id, status, last_round_at, failing, consecutive_ok, consecutive_slow, flips,
                               flapping, last_ping_id, confirm_round_id, confirm_asked,
                               region_failures::text AS region_failures
                        FROM monitor_states
                        WHERE monitor_id = ? AND next_evaluation_at <= now()
                        FOR UPDATE SKIP LOCKED""")
                .param(monitorId).query(MonitorStates::locked).optional();
    }

    /**
     * {@link #lockIfDue(UUID)} for many monitors in one statement: the ones claimed (due and not locked by another
     * instance), locked in id order (the same order everywhere, so two instances never deadlock over them).
     */
    Map<UUID, Locked> lockIfDue(Collection<UUID> monitorIds) {
        Map<UUID, Locked> locked = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT monitor_id, status, last_round_at, failing, consecutive_ok, consecutive_slow, flips,
                               flapping, last_ping_id, confirm_round_id, confirm_asked,
                               region_failures::text AS region_failures
                        FROM monitor_states
                        WHERE monitor_id = ANY(?) AND next_evaluation_at <= now()
                        ORDER BY monitor_id
                        FOR UPDATE SKIP LOCKED""")
                .param(monitorIds.toArray(UUID[]::new))
                .query(MonitorStates::locked).list()
                .forEach(l -> locked.put(l.state().monitorId(), l));
        return locked;
    }

    /**
     * A state to write back, with the heartbeat position, when it is due again (null: when results arrive), and the
     * round whose confirmation was asked of {@code confirmAsked}.
     */
    record Saved(MonitorState state, long lastPingId, Instant nextEvaluationAt, UUID confirmRound,
                 List<String> confirmAsked) {
    }

    /** {@link #save} for many, in one round trip (a JDBC batch). */
    void saveAll(List<Saved> saved) {
        if (saved.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(SAVE_WITH_CONFIRMATIONS, saved, saved.size(), (statement, s) -> {
            MonitorState state = s.state();
            statement.setString(1, state.status().name());
            statement.setTimestamp(2, timestamp(state.lastRoundAt()));
            statement.setBoolean(3, state.failing());
            statement.setInt(4, state.consecutiveOk());
            statement.setInt(5, state.consecutiveSlow());
            statement.setArray(6, statement.getConnection().createArrayOf("text",
                    state.flips().stream().map(Instant::toString).toArray(String[]::new)));
            statement.setBoolean(7, state.flapping());
            statement.setLong(8, s.lastPingId());
            statement.setTimestamp(9, timestamp(s.nextEvaluationAt()));
            statement.setObject(10, s.confirmRound());
            statement.setArray(11, statement.getConnection().createArrayOf("text", s.confirmAsked().toArray()));
            statement.setString(12, WireJson.write(state.regionFailures()));
            statement.setObject(13, state.monitorId());
        });
    }

    void save(MonitorState state, long lastPingId, Instant nextEvaluationAt) {
        jdbc.sql(SAVE)
                .params(state.status().name(), timestamp(state.lastRoundAt()), state.failing(), state.consecutiveOk(),
                        state.consecutiveSlow(), state.flips().stream().map(Instant::toString).toArray(String[]::new),
                        state.flapping(), lastPingId, timestamp(nextEvaluationAt), state.monitorId())
                .update();
    }

    /** A state change as a row (old, new, when, why) and as the monitor's current status. */
    void recordTransition(UUID monitorId, UUID workspaceId, MonitorStatus from, MonitorStatus to, Instant at,
                          String reason, UUID roundId, UUID incidentId) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason,
                                                         round_id, incident_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(monitorId, workspaceId, from.name(), to.name(), Timestamp.from(at), reason, roundId,
                        incidentId)
                .update();
        jdbc.sql("UPDATE monitors SET status = ? WHERE id = ?").params(to.name(), monitorId).update();
    }

    private static Locked locked(ResultSet rs, int row) throws SQLException {
        Array flips = rs.getArray("flips");
        List<Instant> flipTimes = flips == null ? List.of()
                : Arrays.stream((Timestamp[]) flips.getArray()).map(Timestamp::toInstant).toList();
        Timestamp lastRound = rs.getTimestamp("last_round_at");
        MonitorState state = new MonitorState(rs.getObject("monitor_id", UUID.class),
                MonitorStatus.valueOf(rs.getString("status")), lastRound == null ? null : lastRound.toInstant(),
                rs.getBoolean("failing"), rs.getInt("consecutive_ok"), rs.getInt("consecutive_slow"), flipTimes,
                rs.getBoolean("flapping"), regionFailures(rs.getString("region_failures")));
        Array asked = rs.getArray("confirm_asked");
        return new Locked(state, rs.getLong("last_ping_id"), rs.getObject("confirm_round_id", UUID.class),
                asked == null ? List.of() : List.of((String[]) asked.getArray()));
    }

    private static Map<String, Integer> regionFailures(String json) {
        Map<String, Integer> counts = new TreeMap<>();
        if (json != null) {
            Map<?, ?> stored = WireJson.read(json, Map.class);
            stored.forEach((region, count) -> counts.put((String) region, ((Number) count).intValue()));
        }
        return counts;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
