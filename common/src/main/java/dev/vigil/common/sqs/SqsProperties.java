package dev.vigil.common.sqs;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services reach SQS ({@code vigil.sqs.*}).
 *
 * @param endpoint        endpoint override, e.g. {@code http://127.0.0.1:9324} for ElasticMQ; null for AWS
 * @param region          AWS region of the queues
 * @param accessKeyId     static credentials, for ElasticMQ; when absent AWS's default credential chain is used
 *                        (task role on ECS), or dummy keys when an endpoint override is set
 * @param secretAccessKey the matching secret (also read from {@code VIGIL_SQS_SECRET_ACCESS_KEY_FILE} by Spring's
 *                        config tree support where configured)
 * @param queuePrefix     prefix of every queue name, so deployments can share an account
 * @param provisionQueues create missing queues and their dead-letter queues at start-up
 * @param waitTime        long-poll wait of each receive (SQS allows at most 20 s)
 * @param maxConnections  HTTP connections of the async client
 */
@ConfigurationProperties("vigil.sqs")
public record SqsProperties(URI endpoint, @DefaultValue("us-east-1") String region, String accessKeyId,
                            String secretAccessKey, @DefaultValue("") String queuePrefix,
                            @DefaultValue("true") boolean provisionQueues, @DefaultValue("20s") Duration waitTime,
                            @DefaultValue("100") int maxConnections) {

    public SqsProperties {
        if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("vigil.sqs.wait-time must be between 0 and 20 seconds, was " + waitTime);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("vigil.sqs.max-connections must be at least 1");
        }
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "SqsProperties[endpoint=" + endpoint + ", region=" + region + ", queuePrefix=" + queuePrefix + "]";
    }
}
