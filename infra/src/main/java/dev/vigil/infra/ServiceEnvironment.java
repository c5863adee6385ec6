package dev.vigil.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The settings every service of a deployment shares (see the configuration table of the root README). */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    static Map<String, String> common(DeploymentSettings settings) {
        Map<String, String> env = new HashMap<>();
        // All queues live in the home region; probes elsewhere reach them across regions.
        env.put("VIGIL_SQS_REGION", settings.homeRegion());
        // The queues are created by this stack with the same attributes; services only look them up.
        env.put("VIGIL_SQS_PROVISION_QUEUES", "false");
        // JSON logs (ECS format, trace ids included) for CloudWatch Logs Insights; plain text stays the local default.
        env.put("SPRING_PROFILES_ACTIVE", "json-logs");
        List<String> regions = settings.probeRegions();
        for (int i = 0; i < regions.size(); i++) {
            env.put("VIGIL_REGIONS_" + i + "_ID", regions.get(i));
            env.put("VIGIL_REGIONS_" + i + "_NAME", RegionNames.of(regions.get(i)));
        }
        return env;
    }

    static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(more);
        return env;
    }

    /**
     * The scheduler's self-healing settings ({@code vigil.fleet.ecs.*}) as {@code SPRING_APPLICATION_JSON}: the map
     * of probe regions is keyed by region ids with dashes, which environment variable names cannot carry. Each
     * region's probe service may grow to four times its base size.
     */
    static String fleetHealing(DeploymentSettings settings) {
        int min = settings.size().probeTasksPerRegion();
        StringBuilder regions = new StringBuilder();
        for (String region : settings.probeRegions()) {
            if (!regions.isEmpty()) {
                regions.append(',');
            }
            regions.append('"').append(region).append("\":{\"aws-region\":\"").append(region)
                    .append("\",\"cluster\":\"vigil\",\"service\":\"vigil-probe\",\"min-tasks\":").append(min)
                    .append(",\"max-tasks\":").append(min * 4).append('}');
        }
        return "{\"vigil\":{\"fleet\":{\"ecs\":{\"enabled\":true,\"regions\":{" + regions + "}}}}}";
    }
}
