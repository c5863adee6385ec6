package dev.vigil.common.sqs;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The {@code sqs} health contributor, for services with actuator. Services that need SQS include it in their
 * readiness group; the api-service, which does not use SQS, turns it off ({@code management.health.sqs.enabled}).
 */
@AutoConfiguration(after = SqsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(SqsAsyncClient.class)
@ConditionalOnEnabledHealthIndicator("sqs")
public class SqsHealthAutoConfiguration {

    @Bean(name = "sqsHealthIndicator")
    @ConditionalOnMissingBean(name = "sqsHealthIndicator")
    SqsHealthIndicator sqsHealthIndicator(SqsAsyncClient sqs, SqsProperties properties, Environment environment,
                                          ObjectProvider<Clock> clock) {
        Duration timeout = environment.getProperty("vigil.sqs.health.timeout", Duration.class, Duration.ofSeconds(2));
        Duration cacheFor = environment.getProperty("vigil.sqs.health.cache-for", Duration.class,
                Duration.ofSeconds(5));
        return new SqsHealthIndicator(sqs, properties.queuePrefix(), timeout, cacheFor,
                clock.getIfAvailable(Clock::systemUTC));
    }
}
