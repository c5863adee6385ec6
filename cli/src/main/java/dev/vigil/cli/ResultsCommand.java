package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = "A monitor's recent check results, newest first: region, outcome, status code and the time "
                + "of each phase (DNS, connect, TLS, first byte).")
final class ResultsCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "MONITOR", description = "The monitor's id or exact name")
    String monitor;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many results (1 to 1000); default ${DEFAULT-VALUE}")
    int limit;

    ResultsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        String id = MonitorRef.resolve(api, monitor);
        JsonNode page = api.get("/api/v1/monitors/" + id + "/results?limit=" + limit);
        if (global.json()) {
            Output.json(environment.out(), page.path("items"));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : page.path("items")) {
            JsonNode t = r.path("timings");
            String outcome = !r.path("ok").asBoolean() ? "FAILED" : r.path("degraded").asBoolean() ? "DEGRADED" : "OK";
            rows.add(List.of(Output.text(r, "time"), Output.text(r, "region"), outcome, Output.text(r, "statusCode"),
                    r.path("latencyMs").asLong() + "ms", ms(t, "dnsMs"), ms(t, "connectMs"), ms(t, "tlsMs"),
                    ms(t, "firstByteMs"), Output.text(r, "error")));
        }
        Output.table(environment, List.of("TIME", "REGION", "RESULT", "CODE", "TOTAL", "DNS", "CONNECT", "TLS",
                "FIRST BYTE", "ERROR"), rows);
        return ExitCodes.OK;
    }

    private static String ms(JsonNode timings, String field) {
        JsonNode value = timings.get(field);
        return value == null || value.isNull() ? "-" : value.asLong() + "ms";
    }
}
