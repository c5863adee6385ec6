package dev.vigil.infra;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The probe fleet of one region: a small VPC with public subnets only (probes reach the internet and the home
 * region's queues; nothing reaches them), a cluster, and the probe-worker service. Probes hold no database
 * credentials: their role allows only their own region's queues, sending results and heartbeats, and asking other
 * regions to confirm a failure.
 */
public final class ProbeRegionStack extends Stack {

    /** Probe drain: 25 s grace for running checks + up to 20 s for the last long poll + publishing; with margin. */
    static final Duration PROBE_STOP_TIMEOUT = Duration.seconds(75);

    private final VigilFargateService probe;

    public ProbeRegionStack(Construct scope, String id, DeploymentSettings settings, String region) {
        super(scope, id, StackProps.builder()
                .env(Environment.builder().account(settings.account()).region(region).build())
                .description("Vigil probe fleet in " + region)
                .build());
        this.probe = probeFleet(this, settings, region, Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("public")
                        .subnetType(SubnetType.PUBLIC).cidrMask(24).build()))
                .build(), null);
    }

    /** The probe service of a region, in {@code vpc}; also used by the home region, whose cluster it shares. */
    static VigilFargateService probeFleet(Stack stack, DeploymentSettings settings, String region, Vpc vpc,
                                          Cluster sharedCluster) {
        Cluster cluster = sharedCluster != null ? sharedCluster : Cluster.Builder.create(stack, "Cluster")
                .clusterName("vigil").vpc(vpc).enableFargateCapacityProviders(true).build();
        SecurityGroup group = SecurityGroup.Builder.create(stack, "ProbeSecurityGroup")
                .vpc(vpc).description("Vigil probes: no inbound traffic; outbound to targets and SQS")
                .allowAllOutbound(true).build();
        Role role = Role.Builder.create(stack, "ProbeTaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("Vigil probe in " + region + ": its own queues, results, confirmations")
                .build();
        QueueNames names = QueueNames.unprefixed();
        QueueArns arns = new QueueArns(settings.account(), settings.homeRegion());
        List<String> own = QueueTopology.regionQueues(names, region).stream().map(QueueSpec::name).toList();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueUrl", "sqs:GetQueueAttributes"))
                .resources(arns.of(own)).build());
        // Sends: the deployment-wide queues (results, heartbeats). Confirmations are the alerting service's to ask;
        // sending to the other regions' confirm queues stays allowed for probes of earlier releases during a rollout.
        Set<String> regionScoped = settings.probeRegions().stream()
                .flatMap(r -> QueueTopology.regionQueues(names, r).stream()).map(QueueSpec::name)
                .collect(Collectors.toSet());
        List<String> sendTo = new ArrayList<>(QueueTopology.all(names, settings.probeRegions()).stream()
                .map(QueueSpec::name).filter(n -> !regionScoped.contains(n)).toList());
        settings.probeRegions().stream().filter(r -> !r.equals(region)).map(names::confirm).forEach(sendTo::add);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl"))
                .resources(arns.of(sendTo)).build());

        ServiceSpec spec = new ServiceSpec("probe", "probe-worker", 256, 512,
                settings.size().probeTasksPerRegion(), 0, PROBE_STOP_TIMEOUT,
                ServiceEnvironment.with(ServiceEnvironment.common(settings), Map.of(
                        "VIGIL_PROBE_REGION", region,
                        "VIGIL_PROBE_MAX_IN_FLIGHT", "64",
                        "VIGIL_PROBE_SHUTDOWN_GRACE", "25s")),
                Map.of(), true);
        return new VigilFargateService(stack, "Probe", cluster, spec, settings.image("probe-worker"),
                VigilFargateService.Placement.PUBLIC, group, role);
    }

    public VigilFargateService probe() {
        return probe;
    }
}
