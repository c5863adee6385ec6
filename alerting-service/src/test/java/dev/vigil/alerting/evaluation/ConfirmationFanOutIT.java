package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.ProbeSimulator;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Confirmations are asked by the alerting service, once per round: a failure seen in one region asks each other
 * region once, however often the monitor is evaluated meanwhile; a failure every region saw on its own check asks
 * none at all (the mass outage: no confirmation checks on top of the failing ones).
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.evaluation.settle=1s", "vigil.evaluation.sweep-interval=200ms", "vigil.ingest.max-delay=50ms",
        "vigil.evaluation.confirmation-window=20s"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class ConfirmationFanOutIT {

    private static final List<String> REGIONS = List.of("local-a", "local-b", "local-c");

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    QueueDirectory queues;
    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void regionQueues() {
        REGIONS.forEach(region -> queues.provision(QueueTopology.regionQueues(names, region)));
        REGIONS.forEach(region -> drain(region, Duration.ZERO));
    }

    @Test
    void aFailureInOneRegionAsksEachOtherRegionOnceAndTheirAnswerDecidesTheRound() {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 500, 60);
        ProbeSimulator probes = new ProbeSimulator(ids[0], ids[1], REGIONS, false);
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(probes.result(round, "local-a", JobKind.SCHEDULED, false),
                probes.result(round, "local-b", JobKind.SCHEDULED, true),
                probes.result(round, "local-c", JobKind.SCHEDULED, true));

        List<CheckJob> askedB = drain("local-b", Duration.ofSeconds(20));
        List<CheckJob> askedC = drain("local-c", Duration.ofSeconds(20));
        assertThat(askedB).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo(JobKind.CONFIRM);
            assertThat(job.monitorId()).isEqualTo(ids[1]);
            assertThat(job.scheduledAt()).isEqualTo(round);
            assertThat(job.failedRegion()).isEqualTo("local-a");
            assertThat(job.check()).isNotNull();
        });
        assertThat(askedC).hasSize(1);
        assertThat(drain("local-a", Duration.ofSeconds(1))).as("the failing region itself").isEmpty();

        // More results of the round make the monitor due again: nobody is asked twice.
        publish(probes.result(round, "local-c", JobKind.CONFIRM, true));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FROM monitor_states WHERE monitor_id = ? AND 'local-c' = ANY(confirm_asked)""")
                .param(ids[1]).query(Long.class).single() == 1);
        publish(probes.result(round, "local-b", JobKind.CONFIRM, false));

        await().atMost(Duration.ofSeconds(20)).until(() -> status(ids[1]).equals("DOWN"));
        assertThat(drain("local-b", Duration.ofSeconds(2))).isEmpty();
        assertThat(drain("local-c", Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aFailureEveryRegionSawOnItsOwnCheckIsDownWithoutAnyConfirmation() {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 2, 500, 60);
        ProbeSimulator probes = new ProbeSimulator(ids[0], ids[1], REGIONS, false);
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(REGIONS.stream().map(r -> probes.result(round, r, JobKind.SCHEDULED, false))
                .toArray(CheckResult[]::new));

        await().atMost(Duration.ofSeconds(20)).until(() -> status(ids[1]).equals("DOWN"));
        for (String region : REGIONS) {
            assertThat(drain(region, Duration.ofSeconds(1))).as(region).isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM incidents WHERE monitor_id = ?").param(ids[1]).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aMultiStepCheckIsConfirmedWithTheSealedWorkspaceVariablesItsStepsName() {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 500, 60);
        jdbc.sql("""
                        UPDATE monitors SET type = 'API_STEPS', check_spec = '{"type": "API_STEPS", "steps": [
                            {"name": "login", "url": "http://127.0.0.1:1/login", "method": "POST",
                             "body": "{\\"password\\": \\"{{ vars.PASSWORD }}\\"}"}]}'::jsonb
                        WHERE id = ?""")
                .param(ids[1]).update();
        jdbc.sql("INSERT INTO workspace_variables (workspace_id, name, value_sealed) VALUES (?, 'PASSWORD', "
                + "'sealed-password'), (?, 'UNUSED', 'sealed-unused')").params(ids[0], ids[0]).update();
        ProbeSimulator probes = new ProbeSimulator(ids[0], ids[1], REGIONS, false);
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(probes.result(round, "local-a", JobKind.SCHEDULED, false),
                probes.result(round, "local-b", JobKind.SCHEDULED, true),
                probes.result(round, "local-c", JobKind.SCHEDULED, true));

        // Without the variable the confirming region's check fails on "PASSWORD is not set" and confirms an outage
        // the target never had.
        assertThat(drain("local-b", Duration.ofSeconds(20))).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo(JobKind.CONFIRM);
            assertThat(job.variables()).containsExactly(java.util.Map.entry("PASSWORD", "sealed-password"));
        });
    }

    @Test
    void aDatabaseCheckIsConfirmedWithTheSealedCredentialsItNames() {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 500, 60);
        jdbc.sql("""
                        UPDATE monitors SET type = 'DATABASE', check_spec = '{"type": "DATABASE",
                            "engine": "POSTGRESQL", "host": "127.0.0.1", "port": 1, "database": "shop",
                            "username": "{{vars.DB_USER}}", "password": "{{vars.DB_PASSWORD}}"}'::jsonb
                        WHERE id = ?""")
                .param(ids[1]).update();
        jdbc.sql("INSERT INTO workspace_variables (workspace_id, name, value_sealed) VALUES (?, 'DB_USER', "
                + "'sealed-user'), (?, 'DB_PASSWORD', 'sealed-password'), (?, 'UNUSED', 'sealed-unused')")
                .params(ids[0], ids[0], ids[0]).update();
        ProbeSimulator probes = new ProbeSimulator(ids[0], ids[1], REGIONS, false);
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(probes.result(round, "local-a", JobKind.SCHEDULED, false),
                probes.result(round, "local-b", JobKind.SCHEDULED, true),
                probes.result(round, "local-c", JobKind.SCHEDULED, true));

        assertThat(drain("local-b", Duration.ofSeconds(20))).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo(JobKind.CONFIRM);
            assertThat(job.variables()).containsOnly(java.util.Map.entry("DB_USER", "sealed-user"),
                    java.util.Map.entry("DB_PASSWORD", "sealed-password"));
        });
    }

    private void publish(CheckResult... results) {
        assertThat(publisher.publishAll(names.results(), List.of(results)).join()).isEmpty();
    }

    private String status(UUID monitor) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = ?").param(monitor).query(String.class).single();
    }

    /** The jobs arriving on the region's confirm queue within {@code within} (read and deleted). */
    private List<CheckJob> drain(String region, Duration within) {
        String url = queues.urlOf(names.confirm(region));
        List<CheckJob> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        do {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(within.isZero() ? 0 : 1)).join().messages();
            for (Message m : messages) {
                jobs.addAll(WireJson.readList(m.body(), CheckJob.class));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())).join();
            }
            if (!jobs.isEmpty() && !within.isZero()) {
                // What arrives together is one answer; a second question would come with a later evaluation.
                return jobs;
            }
        } while (System.nanoTime() < deadline);
        return jobs;
    }
}
