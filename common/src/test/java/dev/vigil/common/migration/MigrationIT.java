package dev.vigil.common.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class MigrationIT {

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.createMigrated();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void checkResultsIsAHypertableWithTimescaleAndDailyPartitionsWithout() throws SQLException {
        if (database.hasTimescale()) {
            assertThat(queryInt("SELECT count(*) FROM timescaledb_information.hypertables "
                    + "WHERE hypertable_name = 'check_results'")).isEqualTo(1);
        } else {
            // Yesterday through a week ahead exist, plus the default partition.
            assertThat(queryInt("SELECT count(*) FROM pg_inherits WHERE inhparent = 'check_results'::regclass"))
                    .isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void aResultStoredTwiceIsKeptOnce() throws SQLException {
        UUID jobId = UUID.randomUUID();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        int first = insertResult(jobId, time);
        int second = insertResult(jobId, time);

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
    }

    @Test
    void resultsOutsideThePreparedDaysAreKeptAndMovedWhenTheirPartitionIsCreated() throws SQLException {
        if (database.hasTimescale()) {
            return; // TimescaleDB creates chunks itself.
        }
        Instant farFuture = Instant.now().plus(40, ChronoUnit.DAYS);
        insertResult(UUID.randomUUID(), farFuture);
        assertThat(queryInt("SELECT count(*) FROM check_results_default")).isGreaterThanOrEqualTo(1);

        queryInt("SELECT vigil_ensure_daily_partitions('check_results', (now() AT TIME ZONE 'UTC')::date + 39, "
                + "(now() AT TIME ZONE 'UTC')::date + 41)");

        assertThat(queryInt("SELECT count(*) FROM check_results_default")).isZero();
        assertThat(queryInt("SELECT count(*) FROM check_results WHERE time > now() + interval '30 days'"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void schedulingChangesToAMonitorNotifyButStatusChangesDoNot() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID monitor = UUID.randomUUID();
        try (Connection listener = database.connect(); Connection writer = database.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN monitor_changed");
            }
            execute(writer, "INSERT INTO workspaces (id, name) VALUES ('" + workspace + "', 'w')");
            execute(writer, "INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, "
                    + "timeout_ms, regions) VALUES ('" + monitor + "', '" + workspace + "', 'm', 'HTTP', "
                    + "'{\"type\":\"HTTP\",\"url\":\"http://x\"}', 60, 1000, '{local-a}')");
            assertThat(notifications(listener)).containsExactly(monitor.toString());

            execute(writer, "UPDATE monitors SET status = 'UP' WHERE id = '" + monitor + "'");
            assertThat(notifications(listener)).isEmpty();

            execute(writer, "UPDATE monitors SET paused = true WHERE id = '" + monitor + "'");
            assertThat(notifications(listener)).containsExactly(monitor.toString());
        }
    }

    private static List<String> notifications(Connection listener) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(500);
        if (received != null) {
            for (PGNotification n : received) {
                payloads.add(n.getParameter());
            }
        }
        return payloads;
    }

    private static int insertResult(UUID jobId, Instant time) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                           started_at, ok, latency_ms)
                VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, true, 12)
                ON CONFLICT DO NOTHING""")) {
            ps.setObject(1, java.sql.Timestamp.from(time));
            ps.setObject(2, jobId);
            ps.setObject(3, UUID.randomUUID());
            ps.setObject(4, UUID.randomUUID());
            ps.setObject(5, UUID.randomUUID());
            ps.setObject(6, java.sql.Timestamp.from(time));
            return ps.executeUpdate();
        }
    }

    private static int queryInt(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
