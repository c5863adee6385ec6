package dev.vigil.probe.job;

import dev.vigil.common.message.CheckResult;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.ConsumerSettings;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.PackingPublisher;
import dev.vigil.common.sqs.QueueConsumer;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.CheckEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The consumer of this region's queues, confirmations first, then checks from the fastest bucket; and the job
 * runner it feeds, told each queue's actual visibility timeout (read from SQS, since an operator may have changed it).
 */
@Configuration(proxyBeanMethods = false)
class ProbeConsumerConfiguration {

    private static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(20);

    @Bean(destroyMethod = "close")
    JobRunner jobRunner(CheckEngine engine, QueueNames names, QueueDirectory queues,
                        SqsAsyncClient sqs, SqsProperties sqsProperties, ProbeProperties probe, ProbeMetrics metrics,
                        MessagePublisher publisher, Clock clock) {
        List<QueueSpec> specs = QueueTopology.regionQueues(names, probe.region());
        if (sqsProperties.provisionQueues()) {
            queues.provision(specs);
            queues.provision(QueueTopology.results(names));
            queues.provision(QueueTopology.probeHeartbeats(names));
        }
        Map<String, Duration> visibility = new HashMap<>();
        for (QueueSpec spec : specs) {
            String url = queues.urlOf(spec.name());
            String seconds = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).join().attributes()
                    .get(QueueAttributeName.VISIBILITY_TIMEOUT);
            visibility.put(url, seconds == null ? spec.visibilityTimeout() : Duration.ofSeconds(Long.parseLong(seconds)));
        }
        PackingPublisher<CheckResult> results = new PackingPublisher<>(sqs, queues, names.results(),
                probe.resultPack().size(), probe.resultPack().delay());
        SkippedCheckReporter skipped = new SkippedCheckReporter(publisher, names.results(), probe.region(),
                probe.instanceId(), clock);
        skipped.start();
        return new JobRunner(engine, results, probe.region(), probe.maxInFlight(),
                probe.maxInFlightPerWorkspace(), probe.retryDelay(), probe.watchdogGrace(), Pause.SLEEP,
                url -> visibility.getOrDefault(url, DEFAULT_VISIBILITY), metrics, skipped, clock,
                new ArtifactSender(publisher, names.results(), probe.region()));
    }

    @Bean
    QueueConsumer probeConsumer(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names, SqsProperties sqsProperties,
                                ProbeProperties probe, JobRunner runner, MeterRegistry meters, Clock clock) {
        List<String> urls = QueueTopology.regionQueues(names, probe.region()).stream()
                .map(spec -> queues.urlOf(spec.name())).toList();
        return new QueueConsumer(sqs, urls, runner,
                ConsumerSettings.of("probe-" + probe.region(), probe.maxMessagesInFlight(), sqsProperties.waitTime())
                        .withShutdownGrace(probe.shutdownGrace()),
                meters, clock);
    }
}
