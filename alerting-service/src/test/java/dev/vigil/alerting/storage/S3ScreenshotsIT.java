package dev.vigil.alerting.storage;

import static dev.vigil.alerting.storage.ArtifactMessages.failedRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.LoopbackS3;
import dev.vigil.common.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Screenshots in an S3-compatible store ({@code vigil.artifacts.store=s3}, path-style, endpoint override) against a
 * loopback S3 that checks the SDK's requests: a probe's check-artifacts message puts the PNG under the workspace's
 * prefix and leaves its key (not the picture) in the row; a redelivery puts nothing more; a forged message for another
 * workspace's monitor puts nothing; retention deletes the row, then the object, as it does results; deleting a
 * monitor or a workspace (rows gone by cascade) deletes their objects too, once the store lets it.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.artifacts.store=s3", "vigil.artifacts.s3.bucket=vigil-shots", "vigil.artifacts.s3.path-style=true",
        "vigil.artifacts.s3.access-key-id=test-key", "vigil.artifacts.s3.secret-access-key=test-secret",
        "vigil.storage.maintenance-interval=PT24H", "vigil.storage.screenshot-deletion-interval=PT24H"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class S3ScreenshotsIT {

    private static final LoopbackS3 S3 = LoopbackS3.start("vigil-shots");

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StorageMaintainer maintainer;
    @Autowired
    ScreenshotDeletions deletions;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("vigil.artifacts.s3.endpoint", () -> S3.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    private List<String> keyOf(UUID job) {
        return jdbc.sql("SELECT screenshot_key FROM check_artifacts WHERE job_id = ? AND screenshot_png IS NULL")
                .param(job).query(String.class).list();
    }

    private ArtifactMessages messages() {
        return new ArtifactMessages(publisher, names);
    }

    @Test
    void screenshotsGoToTheBucketUnderTheirWorkspaceAndExpireWithTheResults() {
        TestMonitors monitors = new TestMonitors(jdbc);
        UUID[] shop = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        UUID[] other = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        CheckArtifacts recent = failedRun(shop[0], shop[1], Instant.now().minus(Duration.ofMinutes(5)));
        CheckArtifacts old = failedRun(shop[0], shop[1], Instant.now().minus(Duration.ofDays(31)));
        // Names the other workspace's monitor under the shop's workspace: must store nothing anywhere.
        CheckArtifacts forged = failedRun(shop[0], other[1], Instant.now());

        messages().send(recent);
        messages().send(old);
        messages().send(forged);
        await().atMost(Duration.ofSeconds(20)).until(() -> keyOf(recent.jobId()).size() + keyOf(old.jobId()).size()
                == 2);
        String recentKey = "screenshots/" + shop[0] + "/" + shop[1] + "/" + recent.jobId() + ".png";
        String oldKey = "screenshots/" + shop[0] + "/" + shop[1] + "/" + old.jobId() + ".png";
        assertThat(keyOf(recent.jobId())).containsExactly(recentKey);
        assertThat(objectsOf(shop[0])).containsOnlyKeys(recentKey, oldKey);
        assertThat(objectsOf(other[0])).isEmpty();
        assertThat(S3.objects().get(recentKey)).isEqualTo(ArtifactMessages.PNG);
        assertThat(requestsOf("PUT", shop[0])).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.contentType()).isEqualTo("image/png");
                    assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test-key/");
                });
        assertThat(jdbc.sql("SELECT html FROM check_artifacts WHERE job_id = ?").param(recent.jobId())
                .query(String.class).single()).contains("Login failed");

        // A redelivery: no second PUT.
        messages().send(recent);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(requestsOf("PUT", shop[0])).hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM check_artifacts WHERE job_id = ?").param(forged.jobId())
                .query(Long.class).single()).isZero();

        // Retention (30 days of raw results): the old screenshot's row, then its object.
        maintainer.maintain();
        assertThat(requestsOf("DELETE", shop[0])).extracting(LoopbackS3.Request::path)
                .containsExactly("/vigil-shots/" + oldKey);
        assertThat(objectsOf(shop[0])).containsOnlyKeys(recentKey);
        assertThat(keyOf(old.jobId())).isEmpty();
        assertThat(keyOf(recent.jobId())).containsExactly(recentKey);
    }

    @Test
    void deletingAMonitorOrAWorkspaceDeletesItsStoredScreenshotsOnceTheStoreLetsIt() {
        TestMonitors monitors = new TestMonitors(jdbc);
        UUID[] deletedMonitor = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        UUID[] deletedWorkspace = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        UUID[] kept = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        List<CheckArtifacts> sent = List.of(
                failedRun(deletedMonitor[0], deletedMonitor[1], Instant.now().minus(Duration.ofMinutes(3))),
                failedRun(deletedMonitor[0], deletedMonitor[1], Instant.now().minus(Duration.ofMinutes(2))),
                failedRun(deletedWorkspace[0], deletedWorkspace[1], Instant.now().minus(Duration.ofMinutes(1))),
                failedRun(kept[0], kept[1], Instant.now()));
        sent.forEach(messages()::send);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.stream().allMatch(a -> keyOf(a.jobId()).size() == 1));
        List<String> doomed = sent.subList(0, 3).stream().map(a -> keyOf(a.jobId()).getFirst()).toList();
        String keptKey = keyOf(sent.get(3).jobId()).getFirst();

        // The rows go by cascade, as the api's deletes make them go; the store refuses deletes for now.
        S3.refuseDeletes(true);
        try {
            jdbc.sql("DELETE FROM monitors WHERE id = ? AND workspace_id = ?")
                    .params(deletedMonitor[1], deletedMonitor[0]).update();
            jdbc.sql("DELETE FROM workspaces WHERE id = ?").param(deletedWorkspace[0]).update();
            assertThat(sent.subList(0, 3)).allSatisfy(a -> assertThat(keyOf(a.jobId())).isEmpty());
            assertThat(queued()).containsAll(doomed).doesNotContain(keptKey);

            // A refused delete keeps every key queued (as a crash before the drain would): nothing is lost.
            deletions.drain();
            assertThat(S3.objects()).containsKeys(doomed.toArray(String[]::new));
            assertThat(queued()).containsAll(doomed);
        } finally {
            S3.refuseDeletes(false);
        }

        deletions.drain();
        assertThat(S3.objects()).doesNotContainKeys(doomed.toArray(String[]::new)).containsKey(keptKey);
        assertThat(queued()).doesNotContainAnyElementsOf(doomed);
        assertThat(keyOf(sent.get(3).jobId())).containsExactly(keptKey);
        // Draining again finds nothing of theirs to delete.
        int deletesBefore = S3.requests().size();
        deletions.drain();
        assertThat(S3.requests()).hasSize(deletesBefore);
    }

    private List<String> queued() {
        return jdbc.sql("SELECT key FROM screenshot_deletions").query(String.class).list();
    }

    private Map<String, byte[]> objectsOf(UUID workspace) {
        Map<String, byte[]> of = new java.util.HashMap<>(S3.objects());
        of.keySet().removeIf(key -> !key.startsWith("screenshots/" + workspace + "/"));
        return of;
    }

    private List<LoopbackS3.Request> requestsOf(String method, UUID workspace) {
        return S3.requests().stream().filter(r -> r.method().equals(method)
                && r.path().startsWith("/vigil-shots/screenshots/" + workspace + "/")).toList();
    }
}
