package dev.vigil.common.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.testing.LoopbackS3;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The S3 store as the AWS SDK drives it, against a loopback S3 that checks each request and serves it back. */
class S3ScreenshotStoreIT {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    @Test
    void putsGetsAndDeletesPathStyleSignedObjectsUnderTheWorkspacesPrefix() {
        try (LoopbackS3 s3 = LoopbackS3.start("vigil-shots");
             S3ScreenshotStore store = new S3ScreenshotStore(new ArtifactProperties.S3("vigil-shots", "screenshots/",
                     "eu-west-1", s3.endpoint(), true, "test-key", "test-secret", Duration.ofSeconds(10)))) {
            UUID workspace = UUID.randomUUID();
            UUID monitor = UUID.randomUUID();
            UUID job = UUID.randomUUID();
            String key = store.key(workspace, monitor, job);
            assertThat(key).isEqualTo("screenshots/" + workspace + "/" + monitor + "/" + job + ".png");

            store.put(key, PNG);
            assertThat(store.get(key)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(PNG));
            store.delete(key);
            assertThat(store.get(key)).isEmpty();
            store.delete(key);

            assertThat(s3.requests()).extracting(LoopbackS3.Request::method)
                    .containsExactly("PUT", "GET", "DELETE", "GET", "DELETE");
            LoopbackS3.Request put = s3.requests().getFirst();
            assertThat(put.path()).isEqualTo("/vigil-shots/" + key);
            assertThat(put.contentType()).isEqualTo("image/png");
            assertThat(put.body()).isEqualTo(PNG);
            // Signed for the configured region and S3 with the configured key.
            assertThat(put.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test-key/")
                    .contains("/eu-west-1/s3/aws4_request");
            assertThat(s3.objects()).isEmpty();
        }
    }

    @Test
    void theDatabaseIsTheDefaultAndS3NeedsABucket() {
        ArtifactProperties defaults = new ArtifactProperties(ArtifactProperties.Store.POSTGRESQL, null);
        assertThat(defaults.store()).isEqualTo(ArtifactProperties.Store.POSTGRESQL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ArtifactProperties(ArtifactProperties.Store.S3,
                        new ArtifactProperties.S3(" ", "p/", "us-east-1", null, false, null, null,
                                Duration.ofSeconds(1))))
                .hasMessageContaining("vigil.artifacts.s3.bucket");
    }
}
