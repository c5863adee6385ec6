package dev.vigil.infra;

import java.util.Map;

/** Display names of probe regions, as the API lists them. */
final class RegionNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("us-east-1", "US East (N. Virginia)"),
            Map.entry("us-east-2", "US East (Ohio)"),
            Map.entry("us-west-2", "US West (Oregon)"),
            Map.entry("ca-central-1", "Canada (Central)"),
            Map.entry("sa-east-1", "South America (São Paulo)"),
            Map.entry("eu-west-1", "Europe (Ireland)"),
            Map.entry("eu-central-1", "Europe (Frankfurt)"),
            Map.entry("eu-west-2", "Europe (London)"),
            Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
            Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
            Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
            Map.entry("ap-south-1", "Asia Pacific (Mumbai)"));

    private RegionNames() {
    }

    static String of(String region) {
        return NAMES.getOrDefault(region, region);
    }
}
