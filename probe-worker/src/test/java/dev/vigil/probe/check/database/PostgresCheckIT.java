package dev.vigil.probe.check.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.check.DatabaseEngine;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.LocalServerProcess;
import dev.vigil.probe.support.TestJobs;
import dev.vigil.probe.support.TestSecrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DATABASE checks of PostgreSQL against the local server (127.0.0.1:5432), in a database of their own. */
class PostgresCheckIT {

    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DATABASE = "vigil_dbcheck_" + UUID.randomUUID().toString().replace("-", "");

    private final TestSecrets secrets = new TestSecrets();
    private final DatabaseCheckExecutor executor = new DatabaseCheckExecutor(TestJobs.localGuard(),
            secrets.variables());

    @BeforeAll
    static void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres",
                "");
             Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE items (id int PRIMARY KEY)");
            statement.execute("INSERT INTO items VALUES (1), (2), (3)");
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private CheckJob job(String query, String expect, int timeoutMs) {
        return secrets.with(TestJobs.job(new DatabaseCheck(DatabaseEngine.POSTGRESQL, "localhost", 5432, DATABASE,
                "{{vars.DB_USER}}", "{{vars.DB_PASSWORD}}", query, expect), timeoutMs),
                "DB_USER", "postgres", "DB_PASSWORD", "pg-s3cret");
    }

    @Test
    void loggingInIsUpWithTheServersVersion() {
        CheckOutcome outcome = executor.execute(job(null, null, 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("PostgreSQL ").contains("logged in in");
        assertThat(outcome.timings().connectMs()).isNotNull();
    }

    @Test
    void aQueryWhoseAnswerMatchesIsUp() {
        CheckOutcome outcome = executor.execute(job("SELECT count(*) FROM items;", "^3$", 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("first value \"3\"");
        assertThat(outcome.timings().firstByteMs()).isNotNull();
    }

    @Test
    void anAnswerThatDoesNotMatchIsDown() {
        CheckOutcome outcome = executor.execute(job("SELECT max(id) FROM items", "^10$", 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).isEqualTo("the answer does not match /^10$/: first value \"3\"");
    }

    @Test
    void aWriteHiddenInAReadingStatementIsRefusedByTheReadOnlyTransaction() throws SQLException {
        CheckOutcome outcome = executor.execute(job(
                "WITH gone AS (DELETE FROM items RETURNING id) SELECT count(*) FROM gone", null, 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("the query tried to write in the read-only transaction");
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "postgres", "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void aSecondStatementIsRefusedBeforeConnecting() {
        CheckOutcome outcome = executor.execute(job("SELECT 1; COMMIT; DELETE FROM items", null, 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("single statement");
    }

    @Test
    void aSlowQueryIsCancelledAtTheTimeout() {
        long start = System.nanoTime();
        CheckOutcome outcome = executor.execute(job("SELECT pg_sleep(10)", null, 1500));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).as(outcome.message()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        CheckOutcome outcome = executor.execute(secrets.with(TestJobs.job(new DatabaseCheck(
                DatabaseEngine.POSTGRESQL, "127.0.0.1", 5432, "no_such_db_here", "postgres", null, null, null),
                5000)));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("no such database").contains("no_such_db_here");
    }

    @Test
    void nothingListeningIsAConnectionFailure() {
        int port = LocalServerProcess.freePort();
        CheckOutcome outcome = executor.execute(TestJobs.job(new DatabaseCheck(DatabaseEngine.POSTGRESQL,
                "127.0.0.1", port, "postgres", "postgres", null, null, null), 3000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).as(outcome.message()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(outcome.message()).contains("refused");
    }

    @Test
    void aLoopbackTargetIsRefusedByTheSaasPolicy() {
        DatabaseCheckExecutor saas = new DatabaseCheckExecutor(TestJobs.saasGuard(), secrets.variables());

        CheckOutcome outcome = saas.execute(job(null, null, 3000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }
}
