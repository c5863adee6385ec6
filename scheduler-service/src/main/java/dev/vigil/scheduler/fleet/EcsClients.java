package dev.vigil.scheduler.fleet;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.EcsAsyncClientBuilder;

/** An ECS client per AWS region the probe services run in (the task role's credentials; dummy ones for a test). */
final class EcsClients implements AutoCloseable {

    private final Map<String, EcsAsyncClient> byRegion = new HashMap<>();

    public EcsClients(EcsFleetProperties settings) {
        for (EcsFleetProperties.ProbeService service : settings.regions().values()) {
            byRegion.computeIfAbsent(service.awsRegion(), region -> {
                EcsAsyncClientBuilder builder = EcsAsyncClient.builder().region(Region.of(region))
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(4));
                if (settings.endpoint() != null) {
                    builder.endpointOverride(settings.endpoint()).credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
                } else {
                    builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
                }
                return builder.build();
            });
        }
    }

    public Map<String, EcsAsyncClient> byRegion() {
        return Map.copyOf(byRegion);
    }

    @Override
    public void close() {
        byRegion.values().forEach(EcsAsyncClient::close);
    }
}
