package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.schedule.CheckScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The scheduler against its own database (it schedules every monitor it finds) and the embedded SQS server. */
@SpringBootTest(properties = {"spring.config.name=" + SchedulerApplication.CONFIG_NAMES, "server.port=0"})
class SchedulerIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final String PREFIX = "sched-" + UUID.randomUUID().toString().substring(0, 8) + "-";

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
    SqsAsyncClient sqs;
    @Autowired
    QueueDirectory queues;
    @Autowired
    CheckScheduler scheduler;
    @Autowired
    RegionProperties regions;

    @Test
    void emitsEachRoundToEveryRegionOfTheMonitorAndStopsWhenPaused() {
        await().atMost(Duration.ofSeconds(10)).until(scheduler::isActive);
        UUID workspace = UUID.randomUUID();
        UUID monitor = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(workspace).update();
        jdbc.sql("""
                INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, regions)
                VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, 5, 1000,
                        '{local-a,local-b}')""").params(monitor, workspace).update();

        // LISTEN/NOTIFY brings the new monitor in; its first round is at most one interval away.
        List<CheckJob> a = receive("local-a", 2, Duration.ofSeconds(14));
        List<CheckJob> b = receive("local-b", 2, Duration.ofSeconds(4));

        assertThat(a).allSatisfy(job -> {
            assertThat(job.monitorId()).isEqualTo(monitor);
            assertThat(job.kind()).isEqualTo(JobKind.SCHEDULED);
            assertThat(job.region()).isEqualTo("local-a");
            assertThat(job.regions()).containsExactly("local-a", "local-b");
        });
        assertThat(a.get(1).scheduledAt()).isEqualTo(a.get(0).scheduledAt().plusSeconds(5));
        assertThat(b).extracting(CheckJob::roundId).containsAnyElementsOf(a.stream().map(CheckJob::roundId).toList());

        jdbc.sql("UPDATE monitors SET paused = true WHERE id = ?").param(monitor).update();
        receive("local-a", 10, Duration.ofSeconds(2)); // drain what was sent before the pause arrived
        assertThat(receive("local-a", 1, Duration.ofSeconds(8))).isEmpty();
    }

    @Test
    void aMaintenanceWindowStopsTheMonitorsRoundsUntilItIsRemoved() {
        await().atMost(Duration.ofSeconds(10)).until(scheduler::isActive);
        UUID workspace = UUID.randomUUID();
        UUID covered = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID window = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(workspace).update();
        for (UUID id : List.of(covered, other)) {
            jdbc.sql("""
                    INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                          regions)
                    VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, 2, 1000,
                            '{local-c}')""").params(id, workspace).update();
        }
        assertThat(receive("local-c", 4, Duration.ofSeconds(12))).extracting(CheckJob::monitorId).contains(covered);

        jdbc.sql("""
                INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at)
                VALUES (?, ?, 'upgrade', now() - interval '1 minute', now() + interval '1 hour')""")
                .params(window, workspace).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                .params(window, covered).update();
        receive("local-c", 100, Duration.ofSeconds(2)); // NOTIFY is applied within a second; drain what went before
        List<CheckJob> during = receive("local-c", 100, Duration.ofSeconds(6));
        assertThat(during).extracting(CheckJob::monitorId).contains(other).doesNotContain(covered);

        jdbc.sql("DELETE FROM maintenance_windows WHERE id = ?").param(window).update();
        receive("local-c", 100, Duration.ofSeconds(1));
        assertThat(receive("local-c", 100, Duration.ofSeconds(6))).extracting(CheckJob::monitorId).contains(covered);
    }

    @Test
    void aRecurringPauseWindowStopsRoundsInItsOccurrenceWhileARunWindowKeepsThemGoing() {
        await().atMost(Duration.ofSeconds(10)).until(scheduler::isActive);
        UUID workspace = UUID.randomUUID();
        UUID paused = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(workspace).update();
        for (UUID id : List.of(paused, running)) {
            jdbc.sql("""
                    INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                          regions)
                    VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, 2, 1000,
                            '{local-c}')""").params(id, workspace).update();
        }
        assertThat(receive("local-c", 4, Duration.ofSeconds(12))).extracting(CheckJob::monitorId).contains(paused);

        // Daily since two days ago: today's occurrence covers now. The other window keeps checks running.
        UUID daily = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at, recurrence, time_zone,
                                                 checks)
                VALUES (?, ?, 'nightly', now() - interval '2 days 1 minute', now() - interval '2 days' + interval
                        '1 hour', 'FREQ=DAILY', 'UTC', 'PAUSE'),
                       (?, ?, 'upgrade', now() - interval '1 minute', now() + interval '1 hour', NULL, NULL, 'RUN')""")
                .params(daily, workspace, run, workspace).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?), (?, ?)")
                .params(daily, paused, run, running).update();
        receive("local-c", 100, Duration.ofSeconds(2));
        List<CheckJob> during = receive("local-c", 100, Duration.ofSeconds(6));

        assertThat(during).extracting(CheckJob::monitorId).contains(running).doesNotContain(paused);
    }

    @Test
    void everyRegionsQueuesExistWithADeadLetterQueueAndCreatingThemAgainChangesNothing() {
        QueueNames names = new QueueNames(PREFIX);
        List<QueueSpec> specs = QueueTopology.all(names, regions.ids());
        for (QueueSpec spec : specs) {
            String url = queues.urlOf(spec.name());
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY, QueueAttributeName.VISIBILITY_TIMEOUT))
                    .join().attributes();
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(spec.deadLetterName()).contains("3");
            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .isEqualTo(Long.toString(spec.visibilityTimeout().toSeconds()));
        }
        assertThat(specs).extracting(QueueSpec::name).contains(names.checks("local-b", FrequencyBucket.H1),
                names.confirm("local-c"), names.results());

        // A second start-up (another instance, a restart) finds the same queues.
        for (QueueSpec spec : specs) {
            String before = queues.urlOf(spec.name());
            assertThat(queues.provision(spec)).isEqualTo(before);
        }
    }

    private List<CheckJob> receive(String region, int wanted, Duration within) {
        String url = queues.urlOf(new QueueNames(PREFIX).checks(region, FrequencyBucket.S30));
        // Each turn of this loop takes at least a second (the long poll), so the deadline bounds it.
        List<CheckJob> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (jobs.size() < wanted && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .join().messages()) {
                jobs.addAll(WireJson.readList(m.body(), CheckJob.class));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())).join();
            }
        }
        jobs.sort(java.util.Comparator.comparing(CheckJob::scheduledAt));
        return jobs;
    }
}
