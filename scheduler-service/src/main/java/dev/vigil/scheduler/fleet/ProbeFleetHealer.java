package dev.vigil.scheduler.fleet;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Self-healing of the probe fleet, on the active scheduler only, after each read of the fleet's state:
 *
 * <ul>
 *   <li><b>scale</b> each region's probe service ({@code UpdateService desiredCount}) on its queues' backlog and its
 *       probes' busy share, within the service's bounds ({@link ScalingDecision}), at most once per cooldown;</li>
 *   <li><b>redeploy</b> a region whose probes stopped heartbeating for {@code quietFor} while ECS believes tasks
 *       should run ({@code UpdateService forceNewDeployment}): new tasks replace stuck ones; at most once per
 *       {@code redeployCooldown}, so a region that is down for another reason (its AWS region) is not churned. The
 *       alert rule {@code VigilProbeRegionQuiet} pages a person if that does not help.</li>
 * </ul>
 */
class ProbeFleetHealer implements FleetWatch.Action {

    private static final Logger log = LoggerFactory.getLogger(ProbeFleetHealer.class);

    private final EcsFleetProperties settings;
    private final Map<String, EcsAsyncClient> clients;
    private final QueueDepths depths;
    private final FleetState fleet;
    private final QueueNames names;
    private final LeaderCheck leader;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Instant> lastScaled = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRedeployed = new ConcurrentHashMap<>();
    private final Map<String, Instant> quietSince = new ConcurrentHashMap<>();

    /**
     * @param clients an ECS client per AWS region named in the settings
     */
    public ProbeFleetHealer(EcsFleetProperties settings, Map<String, EcsAsyncClient> clients, QueueDepths depths,
                            FleetState fleet, QueueNames names, LeaderCheck leader, Clock clock,
                            MeterRegistry meters) {
        this.settings = settings;
        this.clients = Map.copyOf(clients);
        this.depths = depths;
        this.fleet = fleet;
        this.names = names;
        this.leader = leader;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void afterRefresh() {
        if (!leader.isLeader()) {
            quietSince.clear();
            return;
        }
        settings.regions().forEach((region, service) -> {
            try {
                heal(region, service);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("probe fleet action failed region={} service={} error={}", region, service.service(),
                        e.toString());
            }
        });
    }

    private void heal(String region, EcsFleetProperties.ProbeService target) throws Exception {
        EcsAsyncClient ecs = clients.get(target.awsRegion());
        Service service = ecs.describeServices(r -> r.cluster(target.cluster()).services(target.service()))
                .get(30, TimeUnit.SECONDS).services().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no such ECS service " + target.service()));
        int current = service.desiredCount();
        Instant now = clock.instant();

        long live = fleet.liveProbes(region);
        if (live == 0 && current > 0) {
            Instant since = quietSince.computeIfAbsent(region, r -> now);
            if (!now.isBefore(since.plus(settings.quietFor())) && cooledDown(lastRedeployed, region,
                    settings.redeployCooldown(), now)) {
                ecs.updateService(r -> r.cluster(target.cluster()).service(target.service())
                        .forceNewDeployment(true)).get(30, TimeUnit.SECONDS);
                lastRedeployed.put(region, now);
                count("redeployed", region);
                log.warn("probe region quiet since {}: forced a new deployment region={} service={}", since, region,
                        target.service());
            }
            // A quiet region's backlog says nothing about how many tasks it needs; leave its count alone.
            return;
        }
        if (live > 0) {
            quietSince.remove(region);
        }

        long backlog = 0;
        for (QueueSpec spec : QueueTopology.regionQueues(names, region)) {
            backlog += depths.of(spec.name()).visible();
        }
        int desired = ScalingDecision.desiredTasks(current, backlog, fleet.utilization(region), settings, target);
        if (desired != current && cooledDown(lastScaled, region, settings.scaleCooldown(), now)) {
            ecs.updateService(r -> r.cluster(target.cluster()).service(target.service()).desiredCount(desired))
                    .get(30, TimeUnit.SECONDS);
            lastScaled.put(region, now);
            count(desired > current ? "scaled_out" : "scaled_in", region);
            log.info("probe service scaled region={} service={} tasks={}->{} backlog={} busy={}", region,
                    target.service(), current, desired, backlog, String.format("%.2f", fleet.utilization(region)));
        }
    }

    private static boolean cooledDown(Map<String, Instant> last, String region, Duration cooldown, Instant now) {
        Instant previous = last.get(region);
        return previous == null || !now.isBefore(previous.plus(cooldown));
    }

    private void count(String action, String region) {
        Counter.builder("vigil.fleet.actions").description("Self-healing actions on the probe services")
                .tag("action", action).tag("region", region).register(meters).increment();
    }
}
