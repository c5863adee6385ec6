package dev.vigil.alerting.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.LoopbackS3;
import dev.vigil.common.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * workspace's monitor puts nothing; retention deletes the object, then the row, as it does results.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.artifacts.store=s3", "vigil.artifacts.s3.bucket=vigil-shots", "vigil.artifacts.s3.path-style=true",
        "vigil.artifacts.s3.access-key-id=test-key", "vigil.artifacts.s3.secret-access-key=test-secret",
        "vigil.storage.maintenance-interval=PT24H"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class S3ScreenshotsIT {

    private static final LoopbackS3 S3 = LoopbackS3.start("vigil-shots");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7, 7};

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StorageMaintainer maintainer;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("vigil.artifacts.s3.endpoint", () -> S3.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    private CheckArtifacts artifacts(UUID workspace, UUID monitor, Instant at) {
        return new CheckArtifacts(UUID.randomUUID(), monitor, workspace, "local-a", at, 4,
                Base64.getEncoder().encodeToString(PNG), "<html><body>Login failed</body></html>");
    }

    private void send(CheckArtifacts message) {
        publisher.publish(names.results(), message, Map.of(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE,
                CheckArtifacts.MESSAGE_KIND)).join();
    }

    private List<String> keyOf(UUID job) {
        return jdbc.sql("SELECT screenshot_key FROM check_artifacts WHERE job_id = ? AND screenshot_png IS NULL")
                .param(job).query(String.class).list();
    }

    @Test
    void screenshotsGoToTheBucketUnderTheirWorkspaceAndExpireWithTheResults() {
        TestMonitors monitors = new TestMonitors(jdbc);
        UUID[] shop = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        UUID[] other = monitors.browser(List.of("local-a"), 0, 30_000, 300);
        CheckArtifacts recent = artifacts(shop[0], shop[1], Instant.now().minus(Duration.ofMinutes(5)));
        CheckArtifacts old = artifacts(shop[0], shop[1], Instant.now().minus(Duration.ofDays(31)));
        // Names the other workspace's monitor under the shop's workspace: must store nothing anywhere.
        CheckArtifacts forged = artifacts(shop[0], other[1], Instant.now());

        send(recent);
        send(old);
        send(forged);
        await().atMost(Duration.ofSeconds(20)).until(() -> keyOf(recent.jobId()).size() + keyOf(old.jobId()).size()
                == 2);
        String recentKey = "screenshots/" + shop[0] + "/" + shop[1] + "/" + recent.jobId() + ".png";
        String oldKey = "screenshots/" + shop[0] + "/" + shop[1] + "/" + old.jobId() + ".png";
        assertThat(keyOf(recent.jobId())).containsExactly(recentKey);
        assertThat(S3.objects()).containsOnlyKeys(recentKey, oldKey);
        assertThat(S3.objects().get(recentKey)).isEqualTo(PNG);
        assertThat(S3.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.path()).startsWith("/vigil-shots/screenshots/" + shop[0] + "/");
                    assertThat(r.contentType()).isEqualTo("image/png");
                    assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test-key/");
                });
        assertThat(jdbc.sql("SELECT html FROM check_artifacts WHERE job_id = ?").param(recent.jobId())
                .query(String.class).single()).contains("Login failed");

        // A redelivery: no second PUT.
        send(recent);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(S3.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM check_artifacts WHERE job_id = ?").param(forged.jobId())
                .query(Long.class).single()).isZero();

        // Retention (30 days of raw results): the old screenshot's object, then its row.
        maintainer.maintain();
        assertThat(S3.requests()).filteredOn(r -> r.method().equals("DELETE"))
                .extracting(LoopbackS3.Request::path).containsExactly("/vigil-shots/" + oldKey);
        assertThat(S3.objects()).containsOnlyKeys(recentKey);
        assertThat(keyOf(old.jobId())).isEmpty();
        assertThat(keyOf(recent.jobId())).containsExactly(recentKey);
    }
}
