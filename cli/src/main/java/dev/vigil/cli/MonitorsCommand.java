package dev.vigil.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "monitors", mixinStandardHelpOptions = true, description = "List and manage monitors.",
        subcommands = {MonitorsCommand.ListMonitors.class, MonitorsCommand.GetMonitor.class,
                CreateMonitorCommand.class, MonitorsCommand.PauseMonitor.class, MonitorsCommand.ResumeMonitor.class,
                MonitorsCommand.DeleteMonitor.class, MonitorsCommand.TriggerMonitor.class})
final class MonitorsCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code vigil monitors} alone: what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final List<String> COLUMNS = List.of("ID", "NAME", "TYPE", "STATUS", "TARGET", "EVERY", "TAGS");
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");

    static List<String> row(JsonNode m) {
        return List.of(Output.text(m, "id"), Output.text(m, "name"), Output.text(m, "type"),
                Output.text(m, "status"), target(m), Output.text(m, "intervalSeconds") + "s", tags(m));
    }

    /** The monitor's tag names, comma-separated ("-" for none). */
    static String tags(JsonNode m) {
        List<String> names = new ArrayList<>();
        m.path("tags").forEach(t -> names.add(t.path("name").asString("")));
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    static String target(JsonNode m) {
        return switch (m.path("type").asString("")) {
            case "HTTP" -> m.path("method").asString("GET") + " " + m.path("url").asString("");
            case "TCP", "TLS" -> m.path("host").asString("") + ":" + m.path("port").asString("");
            case "DNS" -> m.path("recordType").asString("") + " " + m.path("host").asString("");
            case "HEARTBEAT" -> m.path("pingUrl").asString("");
            case "PLUGIN" -> m.path("plugin").asString("");
            case "PING", "DOMAIN" -> m.path("host").asString("");
            case "UDP", "SMTP", "IMAP", "POP3", "GRPC" -> m.path("host").asString("") + ":"
                    + m.path("port").asString("");
            case "WEBSOCKET" -> m.path("url").asString("");
            case "DATABASE" -> m.path("engine").asString("").toLowerCase(java.util.Locale.ROOT) + "://"
                    + m.path("host").asString("") + ":" + m.path("port").asString("")
                    + (m.path("database").asString("").isEmpty() ? "" : "/" + m.path("database").asString());
            default -> "-";
        };
    }

    /** A monitor id, checked here so a typo is a usage error rather than a request. */
    static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new CliException(ExitCodes.USAGE, "not a monitor id: " + id + " (see `vigil monitors list`)");
        }
        return id;
    }

    private static void print(CliEnvironment environment, GlobalOptions global, JsonNode monitor) {
        if (global.json()) {
            Output.json(environment.out(), monitor);
        } else {
            Output.table(environment, COLUMNS, List.of(row(monitor)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every monitor, oldest first; the filters combine as in the API (and the dashboard).")
    static final class ListMonitors implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only monitors with this tag (a name or id); "
                + "repeated: with every one given")
        List<String> tags = new ArrayList<>();

        @Option(names = "--group", paramLabel = "GROUP_ID", description = "Only monitors of this group (its "
                + "subgroups included), or none for the ungrouped")
        String group;

        @Option(names = "--status", paramLabel = "STATUS", split = ",",
                description = "Only these: PENDING, UP, DEGRADED, DOWN, PAUSED")
        List<String> statuses = new ArrayList<>();

        @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Only these types (HTTP, TCP, ...)")
        List<String> types = new ArrayList<>();

        @Option(names = "--region", paramLabel = "REGION", split = ",", description = "Only monitors checked from "
                + "these regions")
        List<String> regions = new ArrayList<>();

        @Option(names = "--search", paramLabel = "TEXT", description = "Name or target contains TEXT (any case)")
        String search;

        ListMonitors(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            String filter = filter();
            ArrayNode all = VigilApi.JSON.createArrayNode();
            // Page after page by the cursor each full page gives (each as fast as the first; page=N is an offset
            // the server walks to), or by number from an api older than cursors.
            String next = null;
            for (int page = 0; ; page++) {
                JsonNode answer = api.get("/api/v1/monitors?size=200" + filter
                        + (next == null ? "&page=" + page : "&after=" + next));
                answer.path("items").forEach(all::add);
                // A short page is the end. Not "total": for a large workspace the API answers a count remembered
                // for a few seconds, which monitors added meanwhile would make stop a page early.
                if (answer.path("items").size() < 200) {
                    break;
                }
                next = answer.hasNonNull("next") ? answer.get("next").asString() : null;
            }
            if (global.json()) {
                Output.json(environment.out(), all);
            } else {
                List<List<String>> rows = new ArrayList<>();
                all.forEach(m -> rows.add(row(m)));
                Output.table(environment, COLUMNS, rows);
            }
            return ExitCodes.OK;
        }

        /** The query parameters of the filters given ("" for none); the API checks their values. */
        private String filter() {
            StringBuilder query = new StringBuilder();
            tags.forEach(t -> add(query, "tag", t));
            add(query, "group", group);
            add(query, "status", statuses.isEmpty() ? null : String.join(",", statuses));
            add(query, "type", types.isEmpty() ? null : String.join(",", types));
            add(query, "region", regions.isEmpty() ? null : String.join(",", regions));
            add(query, "q", search);
            return query.toString();
        }

        private static void add(StringBuilder query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(URLEncoder.encode(value.strip(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * A subcommand acting on the one monitor its ID argument names: the options, the argument's check and the path
     * are shared; each subcommand says only what it asks the API.
     */
    abstract static class OneMonitor implements Callable<Integer> {

        final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "ID")
        String id;

        OneMonitor(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            act(global.api(environment), "/api/v1/monitors/" + id(id));
            return ExitCodes.OK;
        }

        abstract void act(VigilApi api, String path);
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One monitor.")
    static final class GetMonitor extends OneMonitor {

        GetMonitor(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void act(VigilApi api, String path) {
            print(environment, global, api.get(path));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop checking a monitor (no alerts).")
    static final class PauseMonitor extends OneMonitor {

        PauseMonitor(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void act(VigilApi api, String path) {
            print(environment, global, api.post(path + "/pause", null));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Check a paused monitor again.")
    static final class ResumeMonitor extends OneMonitor {

        ResumeMonitor(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void act(VigilApi api, String path) {
            print(environment, global, api.post(path + "/resume", null));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a monitor (its stored results stay until retention removes them).")
    static final class DeleteMonitor extends OneMonitor {

        DeleteMonitor(CliEnvironment environment) {
            super(environment);
        }

        @Override
        void act(VigilApi api, String path) {
            api.delete(path);
            if (!global.json()) {
                environment.out().println("Deleted monitor " + id);
                environment.out().flush();
            }
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = {"Run a monitor's check now in each of its regions and print what each saw.",
                    "The results are kept with the monitor's (ON_DEMAND) but change no state and alert nobody. "
                            + "Exits 0 when every region saw it up (or degraded), 9 when any saw it down or did not "
                            + "answer."})
    static final class TriggerMonitor extends OneMonitor {

        private int exit = ExitCodes.OK;

        TriggerMonitor(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            super.call();
            return exit;
        }

        @Override
        void act(VigilApi api, String path) {
            JsonNode report;
            try (Progress progress = Progress.spinner(environment, global, "Running the check in its regions")) {
                report = api.post(path + "/trigger", null);
            }
            exit = CheckCommand.print(environment, global, report);
        }
    }
}
