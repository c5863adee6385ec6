package dev.vigil.scheduler.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.fleet.ecs.*}: self-healing of the probe fleet on ECS, off unless enabled (local mode has no ECS).
 *
 * @param enabled          scale and heal the probe services
 * @param endpoint         ECS endpoint override (tests); null for AWS
 * @param regions          probe region id → its ECS service
 * @param backlogPerTask   visible messages in a region's queues one probe task is expected to work off; more per
 *                         task scales out
 * @param busyUtilization  share of the region's check slots in use (from heartbeats) above which it scales out
 * @param idleUtilization  share below which, with empty queues, it scales in by one task
 * @param scaleCooldown    least time between two changes of one region's task count
 * @param quietFor         how long a region must have no live probe before its service is redeployed
 * @param redeployCooldown least time between two forced deployments of one region
 */
@ConfigurationProperties("vigil.fleet.ecs")
record EcsFleetProperties(@DefaultValue("false") boolean enabled, URI endpoint,
                                 Map<String, ProbeService> regions,
                                 @DefaultValue("100") int backlogPerTask,
                                 @DefaultValue("0.8") double busyUtilization,
                                 @DefaultValue("0.3") double idleUtilization,
                                 @DefaultValue("3m") Duration scaleCooldown,
                                 @DefaultValue("2m") Duration quietFor,
                                 @DefaultValue("15m") Duration redeployCooldown) {

    public EcsFleetProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        if (backlogPerTask < 1) {
            throw new IllegalArgumentException("vigil.fleet.ecs.backlog-per-task must be at least 1");
        }
    }

    /**
     * A region's probe service.
     *
     * @param awsRegion the AWS region it runs in
     * @param cluster   ECS cluster name or ARN
     * @param service   ECS service name
     * @param minTasks  never fewer tasks
     * @param maxTasks  never more tasks
     */
    public record ProbeService(String awsRegion, String cluster, String service, @DefaultValue("1") int minTasks,
                               @DefaultValue("4") int maxTasks) {

        public ProbeService {
            if (minTasks < 0 || maxTasks < minTasks) {
                throw new IllegalArgumentException("probe service " + service + ": need 0 <= min-tasks <= max-tasks");
            }
        }
    }
}
