package dev.vigil.scheduler.fleet;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.QueueDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The fleet watch and its gauges; the ECS actions join as {@link FleetWatch.Action} beans. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    @Bean
    QueueDepths queueDepths(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names, RegionProperties regions,
                            MeterRegistry meters) {
        return new QueueDepths(sqs, queues, names, regions, meters);
    }

    @Bean
    FleetState fleetState(JdbcClient jdbc, RegionProperties regions, MeterRegistry meters) {
        return new FleetState(jdbc, regions, meters);
    }

    @Bean
    FleetWatch fleetWatch(QueueDepths depths, FleetState state, ObjectProvider<FleetWatch.Action> actions,
                          FleetProperties properties) {
        List<FleetWatch.Action> all = actions.orderedStream().toList();
        return new FleetWatch(depths, state, all, properties.pollInterval());
    }
}
