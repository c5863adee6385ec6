package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "uptime", mixinStandardHelpOptions = true,
        description = "A monitor's uptime, downtime, incidents and latency percentiles over one or more windows.")
final class UptimeCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "MONITOR", description = "The monitor's id or exact name")
    String monitor;

    @Option(names = {"-w", "--window"}, paramLabel = "WINDOW", split = ",", defaultValue = "24h,7d,30d,90d",
            description = "24h, 7d, 30d and/or 90d (comma-separated); default ${DEFAULT-VALUE}")
    List<String> windows;

    UptimeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        String id = MonitorRef.resolve(api, monitor);
        ArrayNode all = VigilApi.JSON.createArrayNode();
        for (String window : windows) {
            all.add(api.get("/api/v1/monitors/" + id + "/uptime?window=" + window.strip()));
        }
        if (global.json()) {
            Output.json(environment.out(), all);
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode u : all) {
            JsonNode percent = u.get("uptimePercent");
            rows.add(List.of(Output.text(u, "window"), percent == null || percent.isNull() ? "-"
                            : String.format(Locale.ROOT, "%.3f%%", percent.asDouble()),
                    u.path("downtimeSeconds").asLong() + "s", Output.text(u, "incidents"), ms(u, "p50Ms"),
                    ms(u, "p95Ms"), ms(u, "p99Ms")));
        }
        Output.table(environment, List.of("WINDOW", "UPTIME", "DOWNTIME", "INCIDENTS", "P50", "P95", "P99"), rows);
        return ExitCodes.OK;
    }

    private static String ms(JsonNode uptime, String field) {
        JsonNode value = uptime.get(field);
        return value == null || value.isNull() ? "-" : Math.round(value.asDouble()) + "ms";
    }
}
