package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.schedule.CheckScheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Changes whose notification never arrives (made with the session's triggers off) reach the schedule at the next
 * resync, which reads every monitor's fingerprint and whole only the monitors whose fingerprint changed.
 */
@SpringBootTest(properties = {"spring.config.name=" + SchedulerApplication.CONFIG_NAMES, "server.port=0",
        "vigil.scheduler.resync-interval=3s"})
class SchedulerResyncIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final String PREFIX = "resync-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        database.registerIn(registry);
        TestSqs.shared().registerIn(registry, PREFIX);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    QueueDirectory queues;
    @Autowired
    CheckScheduler scheduler;

    @Test
    void aMonitorAddedEditedAndPausedWithoutNotificationsIsScheduledAsItIsAfterTheNextResync() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(scheduler::isActive);
        UUID workspace = UUID.randomUUID();
        UUID monitor = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(workspace).update();
        // One monitor added the usual way, so the resync also has monitors whose fingerprint did not change.
        jdbc.sql("""
                INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, regions)
                VALUES (?, ?, 'n', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/n"}'::jsonb, 2, 1000,
                        '{local-a}')""").params(neighbour, workspace).update();
        try (JobStream jobs = new JobStream(sqs,
                queues.urlOf(new QueueNames(PREFIX).checks("local-a", FrequencyBucket.S30)))) {
            silently("""
                    INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                          regions)
                    VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/before"}'::jsonb, 2, 1000,
                            '{local-a}')""", monitor, workspace);
            await("added without a notification").atMost(Duration.ofSeconds(15))
                    .until(() -> sent(jobs, monitor, "/before"));

            silently("""
                    UPDATE monitors SET check_spec = '{"type":"HTTP","url":"http://127.0.0.1:1/after"}'::jsonb
                    WHERE id = ?""", monitor);
            await("edited without a notification").atMost(Duration.ofSeconds(15))
                    .until(() -> sent(jobs, monitor, "/after"));

            silently("UPDATE monitors SET paused = true WHERE id = ?", monitor);
            Thread.sleep(7_000); // the next resync, and what was sent before it
            Instant since = Instant.now();
            Thread.sleep(5_000);
            List<UUID> after = jobs.received().stream().filter(r -> r.receivedAt().isAfter(since))
                    .map(r -> r.job().monitorId()).toList();
            assertThat(after).as("paused without a notification").contains(neighbour).doesNotContain(monitor);
        }
    }

    private static boolean sent(JobStream jobs, UUID monitor, String path) {
        return jobs.received().stream().map(JobStream.Received::job).anyMatch(job -> job.monitorId().equals(monitor)
                && ((HttpCheck) job.check()).url().endsWith(path));
    }

    /** Runs the statement with this session's triggers off: no NOTIFY tells the scheduler. */
    private void silently(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement session = connection.createStatement()) {
            session.execute("SET session_replication_role = replica");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                statement.executeUpdate();
            } finally {
                session.execute("SET session_replication_role = DEFAULT");
            }
        }
    }
}
