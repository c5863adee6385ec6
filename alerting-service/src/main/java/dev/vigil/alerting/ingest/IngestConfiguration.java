package dev.vigil.alerting.ingest;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.ConsumerSettings;
import dev.vigil.common.sqs.QueueConsumer;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The consumer of the {@code results} queue. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    QueueConsumer resultConsumer(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names,
                                 SqsProperties sqsProperties, IngestProperties ingest, ResultIngester ingester,
                                 MeterRegistry meters, Clock clock) {
        if (sqsProperties.provisionQueues()) {
            queues.provision(QueueTopology.results(names));
        }
        return new QueueConsumer(sqs, List.of(queues.urlOf(names.results())), ingester,
                ConsumerSettings.of("results", ingest.maxInFlight(), sqsProperties.waitTime())
                        .withShutdownGrace(Duration.ofSeconds(20)),
                meters, clock);
    }
}
