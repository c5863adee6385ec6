package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "channels", mixinStandardHelpOptions = true,
        description = "Alert channels (create and edit them in a vigil.yaml or the dashboard; secrets never shown).",
        subcommands = {ChannelsCommand.ListChannels.class, ChannelsCommand.TestChannel.class})
final class ChannelsCommand extends CommandGroup {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every channel, oldest first.")
    static final class ListChannels implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        ListChannels(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            JsonNode items = global.api(environment).get("/api/v1/alert-channels").path("items");
            if (global.json()) {
                Output.json(environment.out(), items);
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode c : items) {
                rows.add(List.of(Output.text(c, "id"), Output.text(c, "name"), Output.text(c, "type"),
                        c.path("healthy").asBoolean(true) ? "healthy" : "unhealthy",
                        c.path("isDefault").asBoolean() ? "yes" : "no"));
            }
            Output.table(environment, List.of("ID", "NAME", "TYPE", "HEALTH", "DEFAULT"), rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Queue a test alert to a channel; its delivery shows in the dashboard's delivery log.")
    static final class TestChannel implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "CHANNEL", description = "The channel's id or exact name")
        String channel;

        TestChannel(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            String id = resolve(api);
            JsonNode queued = api.post("/api/v1/alert-channels/" + id + "/test", null);
            if (global.json()) {
                Output.json(environment.out(), queued);
            } else {
                environment.out().println("Test alert queued for channel " + id + " (event "
                        + Output.text(queued, "eventId") + ")");
                environment.out().flush();
            }
            return ExitCodes.OK;
        }

        private String resolve(VigilApi api) {
            if (ID.matcher(channel).matches()) {
                return channel;
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode c : api.get("/api/v1/alert-channels").path("items")) {
                if (c.path("name").asString("").equals(channel)) {
                    ids.add(c.path("id").asString());
                }
            }
            if (ids.size() != 1) {
                throw new CliException(ids.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.USAGE, ids.isEmpty()
                        ? "no channel named '" + channel + "' (see `vigil channels list`)"
                        : ids.size() + " channels are named '" + channel + "'; give the id of one", ids);
            }
            return ids.getFirst();
        }
    }
}
