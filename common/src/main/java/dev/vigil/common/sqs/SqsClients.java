package dev.vigil.common.sqs;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/** Builds the SQS client from {@link SqsProperties}. */
public final class SqsClients {

    private SqsClients() {
    }

    public static SqsAsyncClient create(SqsProperties properties) {
        return create(properties, List.of());
    }

    /** With interceptors, e.g. {@link SqsRequestMetrics}. */
    public static SqsAsyncClient create(SqsProperties properties, List<ExecutionInterceptor> interceptors) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .overrideConfiguration(o -> o.executionInterceptors(interceptors))
                // The MD5 of every body and attribute set, sent and received, costs CPU per message and proves nothing
                // TLS (AWS) or loopback (ElasticMQ) does not already guarantee.
                .checksumValidationEnabled(false)
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(properties.maxConnections())
                        // A long poll holds its connection for up to 20 s; the read timeout must exceed it.
                        .readTimeout(properties.waitTime().plusSeconds(10))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(SqsProperties properties) {
        if (properties.accessKeyId() != null && properties.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
        }
        if (properties.endpoint() != null) {
            // ElasticMQ accepts any credentials, but the SDK insists on having some.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
