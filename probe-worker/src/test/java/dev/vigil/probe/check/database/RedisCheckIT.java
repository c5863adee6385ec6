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
 * DATABASE checks of Redis against a redis-server this test starts (Debian's {@code redis-server}) in a temporary
 * directory on a free loopback port, with a password and one key.
 */
class RedisCheckIT {

    private static final String SERVER = "/usr/bin/redis-server";
    private static final String PASSWORD = "redis-s3cret";

    private static LocalServerProcess redis;

    private final TestSecrets secrets = new TestSecrets();
    private final DatabaseCheckExecutor executor = new DatabaseCheckExecutor(TestJobs.localGuard(),
            secrets.variables());

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(LocalServerProcess.installed(SERVER), "Redis is not installed (" + SERVER + "): apt-get install "
                + "redis-server to run these tests");
        Path directory = Files.createTempDirectory("vigil-redis");
        int port = LocalServerProcess.freePort();
        redis = LocalServerProcess.start(directory, port, List.of(SERVER, "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--requirepass", PASSWORD));
        LocalServerProcess.run(directory, List.of("redis-cli", "-p", String.valueOf(port), "-a", PASSWORD,
                "--no-auth-warning", "SET", "deploy:version", "v42"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private CheckJob job(String password, String command, String expect) {
        return secrets.with(TestJobs.job(new DatabaseCheck(DatabaseEngine.REDIS, "localhost", redis.port(), null,
                null, "{{vars.REDIS_PASSWORD}}", command, expect), 3000), "REDIS_PASSWORD", password);
    }

    @Test
    void aPingAnsweredIsUp() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, null, null));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("Redis: logged in in");
    }

    @Test
    void aReadCommandWhoseAnswerMatchesIsUp() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, "GET deploy:version", "^v\\d+$"));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("first value \"v42\"");
    }

    @Test
    void aWrongPasswordIsRefusedAndNotShown() {
        CheckOutcome outcome = executor.execute(job("not-the-password", null, null));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("Redis refused:").doesNotContain("not-the-password");
    }

    @Test
    void noPasswordIsRefused() {
        CheckOutcome outcome = executor.execute(TestJobs.job(new DatabaseCheck(DatabaseEngine.REDIS, "127.0.0.1",
                redis.port(), null, null, null, null, null), 3000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("NOAUTH");
    }

    @Test
    void aWritingCommandIsRefusedBeforeConnecting() {
        CheckOutcome outcome = executor.execute(job(PASSWORD, "SET deploy:version hacked", null));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("query refused");
        assertThat(executor.execute(job(PASSWORD, "GET deploy:version", "^v42$")).ok()).isTrue();
    }

    @Test
    void aLoopbackTargetIsRefusedByTheSaasPolicy() {
        DatabaseCheckExecutor saas = new DatabaseCheckExecutor(TestJobs.saasGuard(), secrets.variables());

        CheckOutcome outcome = saas.execute(job(PASSWORD, null, null));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }
}
