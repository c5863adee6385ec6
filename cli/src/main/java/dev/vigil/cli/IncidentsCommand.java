package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "List incidents, acknowledge them, post updates to status pages.",
        subcommands = {IncidentsCommand.ListIncidents.class, IncidentsCommand.Acknowledge.class,
                IncidentsCommand.PostUpdate.class})
final class IncidentsCommand extends CommandGroup {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    static final List<String> COLUMNS = List.of("ID", "MONITOR", "STATUS", "STARTED", "ACKNOWLEDGED", "RESOLVED",
            "CAUSE");

    static List<String> row(JsonNode i, Map<String, String> names) {
        String monitor = i.path("monitorId").asString("");
        return List.of(Output.text(i, "id"), names.getOrDefault(monitor, monitor), Output.text(i, "status"),
                Output.text(i, "startedAt"), Output.text(i, "acknowledgedAt"), Output.text(i, "resolvedAt"),
                Output.text(i, "cause"));
    }

    static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new CliException(ExitCodes.USAGE, "not an incident id: " + id + " (see `vigil incidents list`)");
        }
        return id;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Incidents, newest first.")
    static final class ListIncidents implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = "--status", paramLabel = "STATUS", description = "OPEN or RESOLVED (default: both)")
        String status;

        @Option(names = "--monitor", paramLabel = "MONITOR", description = "Only this monitor's (id or exact name)")
        String monitor;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "How many (1 to 500); default ${DEFAULT-VALUE}")
        int limit;

        ListIncidents(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            StringBuilder path = new StringBuilder("/api/v1/incidents?limit=" + limit);
            if (status != null) {
                path.append("&status=").append(status);
            }
            if (monitor != null) {
                path.append("&monitorId=").append(MonitorRef.resolve(api, monitor));
            }
            JsonNode items = api.get(path.toString()).path("items");
            if (global.json()) {
                Output.json(environment.out(), items);
                return ExitCodes.OK;
            }
            Map<String, String> names = new java.util.HashMap<>();
            if (!items.isEmpty()) {
                for (JsonNode m : api.get("/api/v1/monitors?size=200").path("items")) {
                    names.put(m.path("id").asString(), m.path("name").asString());
                }
            }
            List<List<String>> rows = new ArrayList<>();
            items.forEach(i -> rows.add(row(i, names)));
            Output.table(environment, COLUMNS, rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "ack", aliases = "acknowledge", mixinStandardHelpOptions = true,
            description = "Acknowledge an open incident: someone is on it (escalations stop). Exits 7 if resolved.")
    static final class Acknowledge implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
        String incident;

        Acknowledge(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            JsonNode answer = global.api(environment).post("/api/v1/incidents/" + id(incident) + "/acknowledge", null);
            if (global.json()) {
                Output.json(environment.out(), answer);
            } else {
                Output.table(environment, COLUMNS, List.of(row(answer, Map.of())));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Post an update on an incident, shown on the status pages that show its monitor.")
    static final class PostUpdate implements Callable<Integer> {

        enum Status { investigating, identified, monitoring, resolved }

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
        String incident;

        @Option(names = {"-s", "--status"}, required = true, paramLabel = "STATUS",
                description = "investigating, identified, monitoring or resolved")
        Status status;

        @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT",
                description = "What to tell the status page's readers")
        String message;

        PostUpdate(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            var body = VigilApi.JSON.createObjectNode().put("status", status.name()).put("message", message);
            JsonNode answer = global.api(environment).post("/api/v1/incidents/" + id(incident) + "/updates",
                    body.toString());
            if (global.json()) {
                Output.json(environment.out(), answer);
            } else {
                Output.table(environment, List.of("UPDATE", "STATUS", "AUTHOR", "AT", "MESSAGE"),
                        List.of(List.of(Output.text(answer, "id"), Output.text(answer, "status"),
                                Output.text(answer, "author"), Output.text(answer, "createdAt"),
                                Output.text(answer, "message"))));
            }
            return ExitCodes.OK;
        }
    }
}
