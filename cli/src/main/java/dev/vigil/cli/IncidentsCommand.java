package dev.vigil.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
        description = "List incidents, acknowledge them, declare them, post updates to status pages, resolve them, "
                + "link monitors' incidents to a declared one, write postmortems.",
        subcommands = {IncidentsCommand.ListIncidents.class, ShowIncidentCommand.class,
                IncidentsCommand.Acknowledge.class, DeclareIncidentCommand.class, IncidentsCommand.PostUpdate.class,
                ResolveIncidentCommand.class, EditIncidentCommand.class, LinkIncidentCommands.Link.class,
                LinkIncidentCommands.Unlink.class,
                PostmortemCommand.class})
final class IncidentsCommand extends CommandGroup {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    static final List<String> COLUMNS = List.of("ID", "MONITOR", "TITLE", "STATUS", "STARTED", "ACKNOWLEDGED",
            "RESOLVED", "CAUSE");

    static List<String> row(JsonNode i, Map<String, String> names) {
        String monitor = i.path("monitorId").asString("");
        return List.of(Output.text(i, "id"), "DECLARED".equals(i.path("kind").asString()) ? "(declared)"
                        : names.getOrDefault(monitor, monitor), Output.text(i, "title"), Output.text(i, "status"),
                Output.text(i, "startedAt"), Output.text(i, "acknowledgedAt"), Output.text(i, "resolvedAt"),
                Output.text(i, "cause"));
    }

    /** The row of one incident, its monitor named (one lookup). */
    static List<String> row(VigilApi api, JsonNode i) {
        String monitor = i.path("monitorId").asString("");
        if (monitor.isEmpty()) {
            return row(i, Map.of());
        }
        return row(i, Map.of(monitor, api.get("/api/v1/monitors/" + monitor).path("name").asString(monitor)));
    }

    /** Columns of a declared incident as declare, resolve and edit print it. */
    static final List<String> DECLARED_COLUMNS = List.of("ID", "TITLE", "SEVERITY", "STATUS", "COMPONENTS");

    static List<String> declaredRow(JsonNode i) {
        List<String> components = new ArrayList<>();
        i.path("components").forEach(c -> components.add(c.path("name").asString() + ": "
                + c.path("impact").asString()));
        return List.of(Output.text(i, "id"), Output.text(i, "title"), Output.text(i, "severity"),
                Output.text(i, "status"), components.isEmpty() ? "-" : String.join(", ", components));
    }

    /** An update as update and resolve print it. */
    static void printUpdate(CliEnvironment environment, GlobalOptions global, JsonNode answer) {
        if (global.json()) {
            Output.json(environment.out(), answer);
            return;
        }
        List<String> impacts = new ArrayList<>();
        answer.path("components").forEach(c -> impacts.add(c.path("componentId").asString() + "="
                + c.path("impact").asString()));
        Output.table(environment, List.of("UPDATE", "STATUS", "AUTHOR", "AT", "MESSAGE", "IMPACTS"),
                List.of(List.of(Output.text(answer, "id"), Output.text(answer, "status"),
                        Output.text(answer, "author"), Output.text(answer, "createdAt"),
                        Output.text(answer, "message"), impacts.isEmpty() ? "-" : String.join(", ", impacts))));
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

        @Option(names = "--kind", paramLabel = "KIND",
                description = "DOWN, HEARTBEAT_MISSED, HEARTBEAT_FAILED or DECLARED (default: all)")
        String kind;

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
            if (kind != null) {
                path.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
            }
            if (monitor != null) {
                path.append("&monitorId=").append(MonitorRef.resolve(api, monitor));
            }
            JsonNode items = api.get(path.toString()).path("items");
            if (global.json()) {
                Output.json(environment.out(), items);
                return ExitCodes.OK;
            }
            Map<String, String> names = new HashMap<>();
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
                Output.table(environment, COLUMNS, List.of(row(global.api(environment), answer)));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Post an update on an incident, shown on the status pages that show it and told to their "
                    + "subscribers.", "On a declared incident, --component changes a component's impact; "
                    + "--status resolved resolves it (as `vigil incidents resolve`)."})
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

        @Option(names = {"-c", "--component"}, paramLabel = "COMPONENT=IMPACT",
                description = "Declared incidents: a component (id, name or SLUG/NAME) and its impact now: "
                        + "degraded_performance, partial_outage, major_outage or operational; repeatable")
        List<String> components;

        PostUpdate(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            var body = VigilApi.JSON.createObjectNode().put("status", status.name()).put("message", message);
            if (components != null && !components.isEmpty()) {
                body.set("components", ComponentImpactArgs.resolve(api, components));
            }
            printUpdate(environment, global, api.post("/api/v1/incidents/" + id(incident) + "/updates",
                    body.toString()));
            return ExitCodes.OK;
        }
    }
}
