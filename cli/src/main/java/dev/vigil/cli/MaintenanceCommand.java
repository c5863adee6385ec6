package dev.vigil.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Maintenance windows: no alerts and no incidents for their monitors while they run.",
        subcommands = {MaintenanceCommand.ListWindows.class, MaintenanceCommand.CreateWindow.class})
final class MaintenanceCommand extends CommandGroup {

    static final List<String> COLUMNS = List.of("ID", "TITLE", "STATUS", "STARTS", "ENDS", "MONITORS");

    static List<String> row(JsonNode w) {
        return List.of(Output.text(w, "id"), Output.text(w, "title"), Output.text(w, "status"),
                Output.text(w, "startsAt"), Output.text(w, "endsAt"), String.valueOf(w.path("monitorIds").size()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Scheduled and running windows, newest start first.")
    static final class ListWindows implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = "--all", description = "Include completed windows")
        boolean all;

        ListWindows(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            JsonNode items = global.api(environment).get("/api/v1/maintenances?includeCompleted=" + all)
                    .path("items");
            if (global.json()) {
                Output.json(environment.out(), items);
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            items.forEach(w -> rows.add(row(w)));
            Output.table(environment, COLUMNS, rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Schedule a maintenance window over monitors.",
                    "Example: vigil maintenance create --title \"DB upgrade\" --monitor Database --start "
                            + "2026-12-24T22:00:00Z --duration 2h"})
    static final class CreateWindow implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = {"-t", "--title"}, required = true, paramLabel = "TITLE", description = "Shown on status pages")
        String title;

        @Option(names = "--description", paramLabel = "TEXT", description = "More about it")
        String description;

        @Option(names = {"-m", "--monitor"}, required = true, paramLabel = "MONITOR",
                description = "A monitor (id or exact name); repeat for more")
        List<String> monitors;

        @Option(names = "--start", paramLabel = "TIME", defaultValue = "now",
                description = "ISO-8601 with an offset (2026-12-24T22:00:00Z), or now (the default)")
        String start;

        @Option(names = "--end", paramLabel = "TIME", description = "ISO-8601 with an offset")
        String end;

        @Option(names = "--duration", paramLabel = "DURATION", description = "Instead of --end: 30m, 2h, 1d")
        String duration;

        CreateWindow(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            if ((end == null) == (duration == null)) {
                throw new CliException(ExitCodes.USAGE, "give either --end or --duration");
            }
            Instant startsAt = start.equals("now") ? Instant.now() : instant("--start", start);
            Instant endsAt = end != null ? instant("--end", end) : startsAt.plus(duration(duration));
            VigilApi api = global.api(environment);
            ObjectNode body = VigilApi.JSON.createObjectNode();
            body.put("title", title);
            if (description != null) {
                body.put("description", description);
            }
            var ids = body.putArray("monitorIds");
            monitors.forEach(m -> ids.add(MonitorRef.resolve(api, m)));
            body.put("startsAt", startsAt.toString());
            body.put("endsAt", endsAt.toString());
            JsonNode created = api.post("/api/v1/maintenances", body.toString());
            if (global.json()) {
                Output.json(environment.out(), created);
            } else {
                Output.table(environment, COLUMNS, List.of(row(created)));
            }
            return ExitCodes.OK;
        }

        private static Instant instant(String option, String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new CliException(ExitCodes.USAGE, option + " must be ISO-8601 with an offset, like "
                        + "2026-12-24T22:00:00Z: " + text);
            }
        }

        static Duration duration(String text) {
            try {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.USAGE, "--duration must be minutes, hours or days: 30m, 2h, 1d");
            }
        }
    }
}
