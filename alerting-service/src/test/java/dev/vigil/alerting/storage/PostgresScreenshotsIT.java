package dev.vigil.alerting.storage;

import static dev.vigil.alerting.storage.ArtifactMessages.failedRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Screenshots kept in PostgreSQL (the default, no {@code vigil.artifacts.store}): a probe's check-artifacts message
 * puts the PNG and the HTML in the row, for a monitor of the named workspace only; the results retention deletes the
 * rows older than it, and a row in PostgreSQL queues nothing for an object store.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.storage.maintenance-interval=PT24H", "vigil.storage.screenshot-deletion-interval=PT24H"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
@DirtiesContext
class PostgresScreenshotsIT {


    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StorageMaintainer maintainer;

    private ArtifactMessages messages() {
        return new ArtifactMessages(publisher, names);
    }

    @Test
    void screenshotsAndHtmlAreKeptInTheRowForTheirWorkspaceOnlyAndExpireWithTheResults() {
        TestMonitors monitors = new TestMonitors(jdbc);
        UUID[] shop = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        UUID[] other = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        CheckArtifacts recent = failedRun(shop[0], shop[1], Instant.now().minus(Duration.ofMinutes(5)));
        CheckArtifacts old = failedRun(shop[0], shop[1], Instant.now().minus(Duration.ofDays(31)));
        // Names the other workspace's monitor under the shop's workspace: must store nothing.
        CheckArtifacts forged = failedRun(shop[0], other[1], Instant.now());
        long queuedBefore = queued();

        List.of(forged, recent, old).forEach(messages()::send);
        await().atMost(Duration.ofSeconds(20)).until(() -> png(recent.jobId()).size() + png(old.jobId()).size() == 2);

        // The forged message went first; give a wrongly stored copy of it time to show up.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(png(recent.jobId())).singleElement().isEqualTo(ArtifactMessages.PNG);
        assertThat(jdbc.sql("SELECT screenshot_key IS NULL AND html LIKE '%Login failed%' AND failed_step = 4 "
                + "FROM check_artifacts WHERE job_id = ?").param(recent.jobId()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM check_artifacts WHERE job_id = ? OR monitor_id = ?")
                .params(forged.jobId(), other[1]).query(Long.class).single()).isZero();

        // Retention (30 days of raw results) takes the old row with the other old results; the recent one stays.
        maintainer.maintain();
        assertThat(png(old.jobId())).isEmpty();
        assertThat(png(recent.jobId())).hasSize(1);
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    private List<byte[]> png(UUID job) {
        return jdbc.sql("SELECT screenshot_png FROM check_artifacts WHERE job_id = ?").param(job)
                .query((rs, i) -> rs.getBytes(1)).list();
    }

    private long queued() {
        return jdbc.sql("SELECT count(*) FROM screenshot_deletions").query(Long.class).single();
    }
}
