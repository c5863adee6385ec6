package dev.vigil.probe.check.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.check.DatabaseEngine;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.LocalServerProcess;
import dev.vigil.probe.support.TestJobs;
import dev.vigil.probe.support.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DATABASE checks of MySQL/MariaDB against a MariaDB server this test starts (Debian's {@code mariadb-server}), in a
 * temporary directory on a free loopback port, with a user that may only read.
 */
class MariaDbCheckIT {

    private static final String SERVER = "/usr/sbin/mariadbd";
    private static final String PASSWORD = "maria-s3cret";

    private static LocalServerProcess mariadb;

    private final TestSecrets secrets = new TestSecrets();
    private final DatabaseCheckExecutor executor = new DatabaseCheckExecutor(TestJobs.localGuard(),
            secrets.variables());

    @BeforeAll
    static void startMariaDb() throws Exception {
        assumeTrue(LocalServerProcess.installed(SERVER), "MariaDB is not installed (" + SERVER + "): apt-get install "
                + "mariadb-server to run these tests");
        Path directory = Files.createTempDirectory("vigil-mariadb");
        Path data = directory.resolve("data");
        LocalServerProcess.run(directory, List.of("mariadb-install-db", "--no-defaults", "--user=root",
                "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db"));
        int port = LocalServerProcess.freePort();
        String socket = directory.resolve("mysqld.sock").toString();
        mariadb = LocalServerProcess.start(directory, port, List.of(SERVER, "--no-defaults", "--user=root",
                "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket,
                "--pid-file=" + directory.resolve("mariadbd.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=16M"));
        String setup = """
                CREATE DATABASE shop;
                CREATE TABLE shop.items (id INT PRIMARY KEY);
                INSERT INTO shop.items VALUES (1), (2), (3);
                CREATE USER 'reader'@'localhost' IDENTIFIED BY '%1$s';
                CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY '%1$s';
                CREATE USER 'reader'@'%%' IDENTIFIED BY '%1$s';
                GRANT SELECT, DELETE ON shop.* TO 'reader'@'localhost';
                GRANT SELECT, DELETE ON shop.* TO 'reader'@'127.0.0.1';
                GRANT SELECT, DELETE ON shop.* TO 'reader'@'%%';
                """.formatted(PASSWORD);
        LocalServerProcess.run(directory, List.of("mariadb", "--no-defaults", "--socket=" + socket, "-uroot",
                "-e", setup));
    }

    @AfterAll
    static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    private CheckJob job(String password, String query, String expect, int timeoutMs) {
        return secrets.with(TestJobs.job(new DatabaseCheck(DatabaseEngine.MYSQL, "localhost", mariadb.port(), "shop",
                "{{vars.DB_USER}}", "{{vars.DB_PASSWORD}}", query, expect), timeoutMs),
                "DB_USER", "reader", "DB_PASSWORD", password);
    }

    @Test
    void loggingInIsUpWithTheServersVersion() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, null, null, 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("MariaDB ").contains("logged in in");
    }

    @Test
    void aQueryWhoseAnswerMatchesIsUp() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, "SELECT count(*) FROM items", "^3$", 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("first value \"3\"");
    }

    @Test
    void aWrongPasswordIsARefusedLoginAndTheCredentialsAreNotShown() {
        CheckOutcome outcome = executor.execute(job("wrong-password", null, null, 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("login refused").contains("Access denied")
                .doesNotContain("reader").doesNotContain("wrong-password");
    }

    @Test
    void aWritingStatementIsRefusedAndNothingChanges() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, "DELETE FROM items", null, 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("query refused: the query must be a read-only statement");
        CheckOutcome afterwards = executor.execute(job(PASSWORD, "SELECT count(*) FROM items", "^3$", 5000));
        assertThat(afterwards.ok()).as(afterwards.message()).isTrue();
    }

    @Test
    void aSlowQueryIsCancelledAtTheTimeout() {
        long start = System.nanoTime();
        CheckOutcome outcome = executor.execute(job(PASSWORD, "SELECT SLEEP(10) FROM items", null, 1500));

        assertThat(outcome.ok()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        CheckOutcome outcome = executor.execute(secrets.with(TestJobs.job(new DatabaseCheck(DatabaseEngine.MYSQL,
                "127.0.0.1", mariadb.port(), "nope", "reader", "{{vars.P}}", null, null), 5000), "P", PASSWORD));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).as(outcome.message()).containsIgnoringCase("nope");
    }

    @Test
    void aLoopbackTargetIsRefusedByTheSaasPolicy() {
        DatabaseCheckExecutor saas = new DatabaseCheckExecutor(TestJobs.saasGuard(), secrets.variables());

        CheckOutcome outcome = saas.execute(job(PASSWORD, null, null, 3000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }
}
