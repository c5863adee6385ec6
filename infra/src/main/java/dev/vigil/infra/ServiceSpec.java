package dev.vigil.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.Secret;

/**
 * One Vigil service as deployed: its image, size, task count, how many tasks must run on on-demand capacity (the rest
 * go to Fargate Spot), its settings, and how long it may take to drain on SIGTERM.
 *
 * @param name          service name: {@code vigil-<name>} in ECS, {@code <name>} image
 * @param module        the Maven module (image name)
 * @param cpu           Fargate CPU units (256 = 0.25 vCPU)
 * @param memoryMiB     Fargate memory
 * @param desiredCount  tasks
 * @param onDemandBase  tasks that always run on on-demand Fargate; tasks above it run on Spot
 * @param stopTimeout   SIGTERM to SIGKILL: the service's drain time plus a margin
 * @param environment   plain settings
 * @param secrets       settings from Secrets Manager (never in the task definition in clear)
 * @param countSetAtRunTime whether something else sets the task count once deployed (the scheduler scales the probe
 *                      services): the template then leaves the count alone; {@code desiredCount} is the base
 */
public record ServiceSpec(String name, String module, int cpu, int memoryMiB, int desiredCount, int onDemandBase,
                          Duration stopTimeout, Map<String, String> environment, Map<String, Secret> secrets,
                          boolean countSetAtRunTime) {

    /** The port every service serves HTTP (API, status pages, {@code /livez} and {@code /readyz}) on. */
    public static final int PORT = 8080;

    /** The port of actuator (metrics, info, health details): inside the task only, no security group opens it. */
    public static final int MANAGEMENT_PORT = 9090;
}
