package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import dev.vigil.common.testing.MutableClock;
import dev.vigil.common.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cron heartbeats and run limits judged by the evaluator on a database of its own, with a clock the test moves. The
 * simulated times lie before the database's own now(), so a monitor's stored deadline is always "due" and only the
 * evaluator's clock decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CronHeartbeatIT {

    private TestDatabase database;
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private MutableClock clock;
    private HeartbeatEvaluator evaluator;
    private TransactionTemplate transactions;

    @BeforeAll
    void start() {
        database = TestDatabase.createMigrated();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setMaximumPoolSize(2);
        jdbc = JdbcClient.create(dataSource);
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        evaluator = new HeartbeatEvaluator(new MonitorStates(jdbc, new JdbcTemplate(dataSource)), new RoundStore(jdbc),
                new IncidentLedger(jdbc), new MaintenanceCalendar(jdbc), jdbc, clock);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    void stop() {
        dataSource.close();
        database.close();
    }

    @Test
    void aNightlyBerlinJobAlertsAtThreePlusGraceOnTheNightTheClocksGoForward() {
        UUID monitor = monitor("""
                {"type":"HEARTBEAT","periodSeconds":86400,"graceSeconds":600,"schedule":"0 3 * * *",
                 "timeZone":"Europe/Berlin"}""");
        // Saturday 03:00:05 CET. That night 02:00 CET becomes 03:00 CEST: the next run is due at 01:00 UTC.
        ping(monitor, "BEAT", Instant.parse("2026-03-28T02:00:05Z"));
        evaluateAt(monitor, "2026-03-28T02:00:06Z");
        assertThat(status(monitor)).isEqualTo("UP");

        evaluateAt(monitor, "2026-03-29T01:09:59Z");
        assertThat(status(monitor)).isEqualTo("UP");
        assertThat(incidents(monitor)).isEmpty();

        evaluateAt(monitor, "2026-03-29T01:10:00Z");
        assertThat(status(monitor)).isEqualTo("DOWN");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:OPEN:2026-03-29T01:10:00Z");
        assertThat(jdbc.sql("SELECT cause FROM incidents WHERE monitor_id = ?").param(monitor).query(String.class)
                .single()).contains("\"0 3 * * *\" (Europe/Berlin)");

        ping(monitor, "BEAT", Instant.parse("2026-03-29T01:30:00Z"));
        evaluateAt(monitor, "2026-03-29T01:30:01Z");
        assertThat(status(monitor)).isEqualTo("UP");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:RESOLVED:2026-03-29T01:10:00Z");
    }

    @Test
    void aNightlyBerlinJobAlertsAtThreePlusGraceOnTheNightTheClocksGoBack() {
        UUID monitor = monitor("""
                {"type":"HEARTBEAT","periodSeconds":86400,"graceSeconds":600,"schedule":"0 3 * * *",
                 "timeZone":"Europe/Berlin"}""");
        // Saturday 03:00:10 CEST. That night 03:00 CEST becomes 02:00 CET: the next run is due at 02:00 UTC.
        ping(monitor, "BEAT", Instant.parse("2026-10-24T01:00:10Z"));
        evaluateAt(monitor, "2026-10-24T01:00:11Z");

        // 24 hours and 10 minutes after the last beat would be wrong: an hour too early.
        evaluateAt(monitor, "2026-10-25T01:10:10Z");
        assertThat(status(monitor)).isEqualTo("UP");
        evaluateAt(monitor, "2026-10-25T02:09:59Z");
        assertThat(status(monitor)).isEqualTo("UP");

        evaluateAt(monitor, "2026-10-25T02:10:00Z");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:OPEN:2026-10-25T02:10:00Z");
    }

    @Test
    void aJobInTheHourTheSpringChangeSkipsIsExpectedWhenTheClocksLandAsDebianCronRunsIt() {
        UUID monitor = monitor("""
                {"type":"HEARTBEAT","periodSeconds":86400,"graceSeconds":600,"schedule":"30 2 * * *",
                 "timeZone":"Europe/Berlin"}""");
        // Saturday 02:30:05 CET. There is no 02:30 on Sunday: cron runs the job at 03:00 CEST (01:00 UTC), so it is
        // overdue at 01:10 UTC, not a day later.
        ping(monitor, "BEAT", Instant.parse("2026-03-28T01:30:05Z"));
        evaluateAt(monitor, "2026-03-28T01:30:06Z");

        evaluateAt(monitor, "2026-03-29T01:09:59Z");
        assertThat(status(monitor)).isEqualTo("UP");
        evaluateAt(monitor, "2026-03-29T01:10:00Z");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:OPEN:2026-03-29T01:10:00Z");
    }

    @Test
    void aStartedRunThatTakesLongerThanItsLimitOpensAnIncidentAndItsEndResolvesIt() {
        UUID monitor = monitor("""
                {"type":"HEARTBEAT","periodSeconds":86400,"graceSeconds":3600,"maxRunSeconds":900}""");
        ping(monitor, "BEAT", Instant.parse("2026-02-01T03:00:00Z"));
        evaluateAt(monitor, "2026-02-01T03:00:01Z");
        // A START is not a beat: the day's beat is due by 04:00 (period plus grace), the run's end by 03:15.
        ping(monitor, "START", Instant.parse("2026-02-02T03:00:00Z"));

        evaluateAt(monitor, "2026-02-02T03:14:59Z");
        assertThat(status(monitor)).isEqualTo("UP");
        assertThat(nextEvaluation(monitor)).isEqualTo(Instant.parse("2026-02-02T03:15:00Z"));

        evaluateAt(monitor, "2026-02-02T03:15:00Z");
        assertThat(status(monitor)).isEqualTo("DOWN");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:OPEN:2026-02-02T03:15:00Z");
        assertThat(jdbc.sql("SELECT cause FROM incidents WHERE monitor_id = ?").param(monitor).query(String.class)
                .single()).isEqualTo("The run started at 2026-02-02T03:00:00Z has not finished after 900 s");

        ping(monitor, "BEAT", Instant.parse("2026-02-02T03:20:00Z"));
        evaluateAt(monitor, "2026-02-02T03:20:01Z");
        assertThat(status(monitor)).isEqualTo("UP");
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:RESOLVED:2026-02-02T03:15:00Z");
    }

    @Test
    void aNonZeroExitCodeOpensAFailureNamingTheCode() {
        UUID monitor = monitor("""
                {"type":"HEARTBEAT","periodSeconds":3600,"graceSeconds":60}""");
        ping(monitor, "BEAT", Instant.parse("2026-02-01T03:00:00Z"));
        jdbc.sql("""
                        INSERT INTO heartbeat_pings (monitor_id, kind, exit_code, body, received_at)
                        VALUES (?, 'FAIL', 2, 'rsync: connection refused', ?)""")
                .params(monitor, Timestamp.from(Instant.parse("2026-02-01T03:30:00Z"))).update();

        evaluateAt(monitor, "2026-02-01T03:30:01Z");

        assertThat(jdbc.sql("SELECT cause FROM incidents WHERE monitor_id = ?").param(monitor).query(String.class)
                .single()).isEqualTo("The job reported a failure (exit code 2): rsync: connection refused");
    }

    private void evaluateAt(UUID monitor, String at) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(at)));
        // What a sweep does: the deadline it stored is already past the database's clock.
        jdbc.sql("UPDATE monitor_states SET next_evaluation_at = now() - interval '1 second' WHERE monitor_id = ?")
                .param(monitor).update();
        transactions.executeWithoutResult(status -> evaluator.evaluate(monitor));
    }

    private UUID monitor(String spec) {
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Cron tests')").param(workspace).update();
        UUID monitor = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, ping_token)
                        VALUES (?, ?, 'Nightly backup', 'HEARTBEAT', ?::jsonb, 86400, 1000, '{}', 0, ?)""")
                .params(monitor, workspace, spec, "tok-" + monitor).update();
        return monitor;
    }

    private void ping(UUID monitor, String kind, Instant at) {
        jdbc.sql("INSERT INTO heartbeat_pings (monitor_id, kind, received_at) VALUES (?, ?, ?)")
                .params(monitor, kind, Timestamp.from(at)).update();
    }

    private String status(UUID monitor) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = ?").param(monitor).query(String.class).single();
    }

    private Instant nextEvaluation(UUID monitor) {
        return jdbc.sql("SELECT next_evaluation_at FROM monitor_states WHERE monitor_id = ?").param(monitor)
                .query(Timestamp.class).single().toInstant();
    }

    private List<String> incidents(UUID monitor) {
        return jdbc.sql("""
                        SELECT kind || ':' || status || ':' || to_char(started_at AT TIME ZONE 'UTC',
                                                                       'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        FROM incidents WHERE monitor_id = ? ORDER BY started_at""")
                .param(monitor).query(String.class).list();
    }
}
