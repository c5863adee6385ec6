package dev.vigil.probe.job;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.ConsumerSettings;
import dev.vigil.common.sqs.QueueConsumer;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.probe.ProbeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The consumer of this region's queues, confirmations first, then checks from the fastest bucket. */
@Configuration(proxyBeanMethods = false)
class ProbeConsumerConfiguration {

    @Bean
    QueueConsumer probeConsumer(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names, SqsProperties sqsProperties,
                                ProbeProperties probe, JobRunner runner, MeterRegistry meters, Clock clock) {
        List<QueueSpec> specs = QueueTopology.regionQueues(names, probe.region());
        if (sqsProperties.provisionQueues()) {
            queues.provision(specs);
            queues.provision(QueueTopology.results(names));
        }
        List<String> urls = specs.stream().map(spec -> queues.urlOf(spec.name())).toList();
        return new QueueConsumer(sqs, urls, runner,
                ConsumerSettings.of("probe-" + probe.region(), probe.maxInFlight(), sqsProperties.waitTime())
                        .withShutdownGrace(probe.shutdownGrace()),
                meters, clock);
    }
}
