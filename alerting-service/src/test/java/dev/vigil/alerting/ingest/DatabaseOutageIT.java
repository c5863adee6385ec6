package dev.vigil.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.support.AlertingContexts;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.TestSqs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database stopped for 30 s in the middle of ingest loses no result. The test runs its own PostgreSQL (zonky
 * embedded, never the machine's shared server), publishes results steadily for 40 s, stops the database after 5 s
 * and starts it again 30 s later on the same data directory and port. Every result published (some twice) must be
 * stored exactly once. Bounded: about a minute in all, two minutes at most.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int SECONDS = 40;
    private static final int PER_SECOND = 25;

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseStoppedForThirtySecondsLosesNoResult() throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = start(port);
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
                "spring.datasource.username", "", "spring.datasource.password", "",
                "spring.datasource.hikari.connection-timeout", "2000",
                "vigil.sqs.endpoint", TestSqs.shared().endpoint().toString(),
                "vigil.sqs.queue-prefix", "dbout" + UUID.randomUUID().toString().substring(0, 6) + "-");
        ConfigurableApplicationContext alerting = AlertingContexts.start(properties);
        try {
            MessagePublisher publisher = alerting.getBean(MessagePublisher.class);
            String queue = alerting.getBean(QueueNames.class).results();
            JdbcClient jdbc = alerting.getBean(JdbcClient.class);
            UUID[] ids = new TestMonitors(jdbc).http(List.of("local-a"), 1, 5000, 60);
            UUID workspace = ids[0];
            UUID monitor = ids[1];
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
            int published = 0;
            Instant stoppedAt = null;
            for (int second = 0; second < SECONDS; second++) {
                List<CheckResult> batch = new ArrayList<>();
                for (int i = 0; i < PER_SECOND; i++) {
                    CheckResult result = result(workspace, monitor, base.plusSeconds(published));
                    batch.add(result);
                    if (published % 10 == 0) {
                        batch.add(result); // redelivered or re-sent: must be stored once
                    }
                    published++;
                }
                assertThat(publisher.publishAll(queue, batch).join()).isEmpty();
                if (second == 5) {
                    postgres.close();
                    stoppedAt = Instant.now();
                }
                if (stoppedAt != null && postgres != null && Duration.between(stoppedAt, Instant.now())
                        .compareTo(OUTAGE) >= 0 && second > 5) {
                    postgres = start(port);
                    stoppedAt = null;
                }
                Thread.sleep(1000);
            }
            if (stoppedAt != null) {
                Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(stoppedAt, Instant.now())).toMillis()));
                postgres = start(port);
            }

            int expected = published;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> count(jdbc, monitor, "count(*)") >= expected);
            Thread.sleep(2000); // any duplicate still in flight would show now
            assertThat(count(jdbc, monitor, "count(*)")).isEqualTo(expected);
            assertThat(count(jdbc, monitor, "count(DISTINCT job_id)")).isEqualTo(expected);
        } finally {
            alerting.close();
            postgres.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    private static int count(JdbcClient jdbc, UUID monitor, String what) {
        return jdbc.sql("SELECT " + what + " FROM check_results WHERE monitor_id = ?").param(monitor)
                .query(Integer.class).single();
    }

    private static CheckResult result(UUID workspace, UUID monitor, Instant scheduledAt) {
        UUID round = JobIds.round(monitor, scheduledAt);
        return new CheckResult(JobIds.job(round, "local-a", JobKind.SCHEDULED), round, monitor, workspace,
                "local-a", JobKind.SCHEDULED, scheduledAt, scheduledAt.plusMillis(2), true, false, 35,
                new PhaseTimings(1L, 2L, null, 20L), 200, null, null, List.of(), List.of(), null, 10L, 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
