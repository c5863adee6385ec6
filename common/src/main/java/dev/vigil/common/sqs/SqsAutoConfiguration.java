package dev.vigil.common.sqs;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.region.RegionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS client, queue names and queue directory every service uses, from {@code vigil.sqs.*}. */
@AutoConfiguration
@EnableConfigurationProperties({SqsProperties.class, RegionProperties.class})
public class SqsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SqsAsyncClient sqsAsyncClient(SqsProperties properties, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null ? SqsClients.create(properties)
                : SqsClients.create(properties, List.of(new SqsRequestMetrics(registry)));
    }

    @Bean
    @ConditionalOnMissingBean
    QueueNames queueNames(SqsProperties properties) {
        return new QueueNames(properties.queuePrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    QueueDirectory queueDirectory(SqsAsyncClient sqs) {
        return new QueueDirectory(sqs);
    }

    @Bean
    @ConditionalOnMissingBean
    MessagePublisher messagePublisher(SqsAsyncClient sqs, QueueDirectory queues) {
        return new MessagePublisher(sqs, queues);
    }
}
