package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

@Command(name = "status-pages", mixinStandardHelpOptions = true,
        description = "The workspace's public status pages (create and edit them in a vigil.yaml or the dashboard).",
        subcommands = StatusPagesCommand.ListPages.class)
final class StatusPagesCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every status page with its URL.")
    static final class ListPages implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        ListPages(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            JsonNode items = global.api(environment).get("/api/v1/status-pages").path("items");
            if (global.json()) {
                Output.json(environment.out(), items);
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode p : items) {
                rows.add(List.of(Output.text(p, "id"), Output.text(p, "slug"), Output.text(p, "title"),
                        String.valueOf(p.path("components").size()),
                        p.path("passwordProtected").asBoolean() ? "yes" : "no", Output.text(p, "url")));
            }
            Output.table(environment, List.of("ID", "SLUG", "TITLE", "COMPONENTS", "PASSWORD", "URL"), rows);
            return ExitCodes.OK;
        }
    }
}
