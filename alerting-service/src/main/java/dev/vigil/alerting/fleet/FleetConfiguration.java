package dev.vigil.alerting.fleet;

import dev.vigil.common.fleet.RegionCapabilities;
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
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The consumer of the {@code probe-heartbeats} queue, and what the live probes of each region run. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    /** Read at most every few seconds: the evaluator asks for every batch of monitors it evaluates. */
    @Bean
    Supplier<RegionCapabilities> regionCapabilities(JdbcClient jdbc, Clock clock) {
        RegionCapabilities.Cache cache = new RegionCapabilities.Cache(() -> RegionCapabilities.ofRows(
                jdbc.sql(RegionCapabilities.QUERY).query((rs, n) -> RegionCapabilities.row(rs)).list()),
                clock, Duration.ofSeconds(5));
        return cache::current;
    }

    @Bean
    QueueConsumer heartbeatConsumer(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names,
                                    SqsProperties sqsProperties, HeartbeatRecorder recorder, MeterRegistry meters,
                                    Clock clock) {
        if (sqsProperties.provisionQueues()) {
            queues.provision(QueueTopology.probeHeartbeats(names));
        }
        return new QueueConsumer(sqs, List.of(queues.urlOf(names.probeHeartbeats())), recorder,
                ConsumerSettings.of("probe-heartbeats", 16, sqsProperties.waitTime())
                        .withShutdownGrace(Duration.ofSeconds(5)),
                meters, clock);
    }
}
