package dev.vigil.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Vigil service on Fargate with the house rules applied to every one of them:
 * <ul>
 *   <li>rolling deployments that never go below the desired count (minimum healthy 100 %, maximum 200 %), with the
 *       deployment circuit breaker rolling back a release whose tasks do not become healthy;</li>
 *   <li>ARM64 (Graviton) tasks, about 20 % cheaper than x86 for the same size;</li>
 *   <li>a base of on-demand tasks and the rest on Fargate Spot (interruptions arrive as SIGTERM, which every service
 *       drains on);</li>
 *   <li>a stop timeout that covers the service's drain, and a container health check on the liveness endpoint;</li>
 *   <li>a security group that admits nothing it was not told to; the network placement (public subnets with a
 *       public IP for probes, private subnets behind NAT for the others) comes from the caller.</li>
 * </ul>
 */
public final class VigilFargateService extends Construct {

    /** The CPU the tasks run on (ECS's name); the images must be built for it: bin/vigil-images builds amd64 and arm64. */
    public static final String CPU_ARCHITECTURE = "ARM64";

    /**
     * The container health check: the image's own script (containers/healthcheck, also the Dockerfile's
     * HEALTHCHECK), which needs only bash. The image has no curl.
     */
    public static final List<String> HEALTH_CHECK_COMMAND = List.of("CMD", "/usr/local/bin/vigil-healthcheck");

    private final FargateService service;
    private final ContainerDefinition container;

    public VigilFargateService(Construct scope, String id, ICluster cluster, ServiceSpec spec, String image,
                               Placement placement, ISecurityGroup securityGroup, IRole taskRole) {
        super(scope, id);
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .family("vigil-" + spec.name())
                .cpu(spec.cpu())
                .memoryLimitMiB(spec.memoryMiB())
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.of(CPU_ARCHITECTURE))
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/vigil/" + spec.name())
                .retention(RetentionDays.TWO_WEEKS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.put("SERVER_PORT", Integer.toString(ServiceSpec.PORT));
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(ServiceSpec.MANAGEMENT_PORT));
        environment.put("JAVA_TOOL_OPTIONS", jvmOptions(spec));
        container = task.addContainer("app", ContainerDefinitionOptions.builder()
                .containerName(spec.name())
                .image(ContainerImage.fromRegistry(image))
                .environment(environment)
                .secrets(spec.secrets())
                .portMappings(List.of(PortMapping.builder().containerPort(ServiceSpec.PORT).build()))
                .logging(LogDrivers.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
                        .logGroup(logs).streamPrefix(spec.name()).build()))
                .stopTimeout(spec.stopTimeout())
                .healthCheck(HealthCheck.builder()
                        .command(HEALTH_CHECK_COMMAND)
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(120))
                        .build())
                .build());

        List<CapacityProviderStrategy> capacity = new ArrayList<>();
        capacity.add(CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(spec.onDemandBase())
                .weight(spec.onDemandBase() >= spec.desiredCount() ? 1 : 0).build());
        if (spec.onDemandBase() < spec.desiredCount()) {
            capacity.add(CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(1).build());
        }
        service = FargateService.Builder.create(this, "Service")
                .serviceName("vigil-" + spec.name())
                .cluster(cluster)
                .taskDefinition(task)
                // A count the scheduler steers at run time (probes) is left out of the template: CloudFormation
                // then starts the service with one task and keeps whatever count it has on every later deploy,
                // instead of resetting the scheduler's scaling.
                .desiredCount(spec.countSetAtRunTime() ? null : spec.desiredCount())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .capacityProviderStrategies(capacity)
                .assignPublicIp(placement == Placement.PUBLIC)
                .vpcSubnets(SubnetSelection.builder().subnetType(placement == Placement.PUBLIC ? SubnetType.PUBLIC
                        : SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .enableExecuteCommand(false)
                .build();
    }

    /**
     * JVM settings for the task size: the heap leaves room for metaspace, thread stacks and direct buffers (a 512 MB
     * task is OOM-killed by the platform, not the JVM, if the heap takes 75 %), and a quarter vCPU runs the serial
     * collector best. The serial collector's heap starts at its full size: it sizes its young generation from the
     * heap it starts with and grows it only at a full collection, so a heap started small (1.6 % of the task's
     * memory by default) kept a young generation of a few megabytes while garbage promoted into the old one grew; on
     * the local stack that was young collections twice a second and half of a page's CPU (bench/README.md).
     */
    static String jvmOptions(ServiceSpec spec) {
        int heapPercent = spec.memoryMiB() <= 512 ? 55 : 65;
        String collector = spec.cpu() <= 512 ? "-XX:+UseSerialGC -XX:InitialRAMPercentage=" + heapPercent
                : "-XX:+UseG1GC";
        return "-XX:MaxRAMPercentage=" + heapPercent + " " + collector
                + " -XX:MaxMetaspaceSize=160m -Xss512k -XX:+ExitOnOutOfMemoryError";
    }

    /** Where tasks run. */
    public enum Placement {
        /** Public subnets, a public IP per task: probes, which talk to the whole internet anyway. */
        PUBLIC,
        /** Private subnets, out through the VPC's NAT: services nobody outside should reach. */
        PRIVATE
    }

    public FargateService service() {
        return service;
    }

    public ContainerDefinition container() {
        return container;
    }
}
