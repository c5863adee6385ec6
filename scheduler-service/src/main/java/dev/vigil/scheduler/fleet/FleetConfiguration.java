package dev.vigil.scheduler.fleet;

import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.scheduler.leader.LeadershipState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The fleet watch and its gauges, and the ECS self-healing when {@code vigil.fleet.ecs.enabled}. */
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

    /** What each region's live probes run, read at most every few seconds (where BROWSER jobs may go). */
    @Bean
    Supplier<RegionCapabilities> regionCapabilities(JdbcClient jdbc, Clock clock) {
        RegionCapabilities.Cache cache = new RegionCapabilities.Cache(() -> RegionCapabilities.ofRows(
                jdbc.sql(RegionCapabilities.QUERY).query((rs, n) -> RegionCapabilities.row(rs)).list()),
                clock, Duration.ofSeconds(5));
        return cache::current;
    }

    /** The scheduler's elected leadership; the one place to change if leadership is elected differently. */
    @Bean
    @ConditionalOnMissingBean
    LeaderCheck leaderCheck(LeadershipState leadership) {
        return leadership::isLeader;
    }

    /** Heartbeats of the scheduler and of each live region to the URLs {@code vigil.self-monitoring.*} names. */
    @Bean
    SelfHeartbeats selfHeartbeats(SelfMonitoringProperties settings, FleetState state, LeaderCheck leader,
                                  MeterRegistry meters) {
        return new SelfHeartbeats(settings, state, leader, meters);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "vigil.fleet.ecs.enabled", havingValue = "true")
    EcsClients ecsClients(EcsFleetProperties settings) {
        return new EcsClients(settings);
    }

    @Bean
    @ConditionalOnProperty(name = "vigil.fleet.ecs.enabled", havingValue = "true")
    ProbeFleetHealer probeFleetHealer(EcsFleetProperties settings, EcsClients clients, QueueDepths depths,
                                      FleetState state, QueueNames names, LeaderCheck leader, Clock clock,
                                      MeterRegistry meters) {
        return new ProbeFleetHealer(settings, clients.byRegion(), depths, state, names, leader, clock, meters);
    }
}
