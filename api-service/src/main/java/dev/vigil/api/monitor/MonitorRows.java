package dev.vigil.api.monitor;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one INSERT of new monitors, shared by a single create and a declarative apply's batch: a plain JDBC statement
 * (with {@code reWriteBatchedInserts} a batch becomes multi-row INSERTs). A single POST used Hibernate's persist and
 * flush for it, whose entity bookkeeping was a large part of a create's CPU; the row written is the same, column for
 * column, and the table's triggers (the scheduler's and the dashboard's notifications) fire for it as for any insert.
 */
@Component
class MonitorRows {

    private static final String INSERT = """
            INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, regions,
                                  confirmations, degraded_above_ms, paused, status, ping_token, group_id, created_at,
                                  updated_at, failures_in_row, recovery_rounds, flap_detection, flap_transitions,
                                  flap_window_rounds)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    MonitorRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts one new monitor (status PENDING) in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void insert(Monitor monitor) {
        jdbc.update(INSERT, row(monitor));
    }

    /** Inserts new monitors (status PENDING) in one batch in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void insert(List<Monitor> monitors) {
        if (!monitors.isEmpty()) {
            jdbc.batchUpdate(INSERT, monitors.stream().map(MonitorRows::row).toList());
        }
    }

    private static Object[] row(Monitor m) {
        NoiseSettings noise = m.getNoise();
        return new Object[]{m.getId(), m.getWorkspaceId(), m.getName(), m.getType().name(),
                WireJson.write(m.getCheckSpec()), m.getIntervalSeconds(), m.getTimeoutMs(),
                m.getRegions().toArray(String[]::new), m.getConfirmations(), m.getDegradedAboveMs(), m.isPaused(),
                m.getPingToken(), m.getGroupId(), Timestamp.from(m.getCreatedAt()), Timestamp.from(m.getUpdatedAt()),
                noise.failuresInRow(), noise.recoveryRounds(), noise.flapDetection(), noise.flapTransitions(),
                noise.flapWindowRounds()};
    }
}
