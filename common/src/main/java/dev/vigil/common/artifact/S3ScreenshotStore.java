package dev.vigil.common.artifact;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Screenshots in an S3-compatible bucket (AWS SDK v2): one object per failed run, {@code image/png}, written and read
 * whole (a screenshot is at most a few hundred KB: the probe shrinks it to fit an SQS message).
 */
public final class S3ScreenshotStore implements ScreenshotStore, AutoCloseable {

    private final S3AsyncClient s3;
    private final ArtifactProperties.S3 settings;

    public S3ScreenshotStore(ArtifactProperties.S3 settings) {
        this.settings = settings;
        S3AsyncClientBuilder builder = S3AsyncClient.builder().region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: S3-compatible servers differ in the newer optional ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(16))
                .overrideConfiguration(o -> o.apiCallTimeout(settings.timeout()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public String key(UUID workspaceId, UUID monitorId, UUID jobId) {
        return settings.prefix() + workspaceId + "/" + monitorId + "/" + jobId + ".png";
    }

    @Override
    public void put(String key, byte[] png) {
        join(s3.putObject(r -> r.bucket(settings.bucket()).key(key).contentType("image/png"),
                AsyncRequestBody.fromBytes(png)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObject(r -> r.bucket(settings.bucket()).key(key),
                    AsyncResponseTransformer.toBytes()).join().asByteArray());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw unwrapped(e);
        }
    }

    @Override
    public void delete(String key) {
        join(s3.deleteObject(r -> r.bucket(settings.bucket()).key(key)));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    private static RuntimeException unwrapped(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    @Override
    public void close() {
        s3.close();
    }
}
