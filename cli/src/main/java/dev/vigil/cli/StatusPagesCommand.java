package dev.vigil.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "status-pages", mixinStandardHelpOptions = true,
        description = "The workspace's public status pages (create and edit them in a vigil.yaml or the dashboard).",
        subcommands = {StatusPagesCommand.ListPages.class, StatusPagesCommand.ListSubscribers.class,
                StatusPagesCommand.RemoveSubscriber.class})
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

    @Command(name = "subscribers", mixinStandardHelpOptions = true,
            description = "Who subscribed to a status page, newest first (a webhook by its origin only).")
    static final class ListSubscribers implements Callable<Integer> {

        private static final int PAGE = 200;

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "PAGE", description = "The status page: its id or slug")
        String page;

        @Option(names = "--status", paramLabel = "STATE", description = "Only confirmed or pending subscribers")
        String status;

        ListSubscribers(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            String base = "/api/v1/status-pages/" + pageId(api, page) + "/subscribers?size=" + PAGE
                    + (status == null ? "" : "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
            ArrayNode all = VigilApi.JSON.createArrayNode();
            for (int n = 0; ; n++) {
                JsonNode items = api.get(base + "&page=" + n).path("items");
                items.forEach(all::add);
                if (items.size() < PAGE) {
                    break;
                }
            }
            if (global.json()) {
                Output.json(environment.out(), all);
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : all) {
                String components = s.path("allComponents").asBoolean() ? "all"
                        : String.join(", ", s.path("components").valueStream().map(c -> Output.text(c, "name"))
                                .toList());
                rows.add(List.of(Output.text(s, "id"), Output.text(s, "kind"),
                        s.hasNonNull("email") ? Output.text(s, "email") : Output.text(s, "webhookOrigin"),
                        components, s.path("confirmed").asBoolean() ? "confirmed" : "pending",
                        Output.text(s, "createdAt")));
            }
            Output.table(environment, List.of("ID", "KIND", "SUBSCRIBER", "COMPONENTS", "STATE", "SUBSCRIBED"), rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove-subscriber", mixinStandardHelpOptions = true,
            description = "Remove a status page's subscriber: nothing more is sent to it (it is not told).")
    static final class RemoveSubscriber implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "PAGE", description = "The status page: its id or slug")
        String page;

        @Parameters(index = "1", paramLabel = "SUBSCRIBER", description = "The subscriber's id "
                + "(vigil status-pages subscribers PAGE)")
        String subscriber;

        RemoveSubscriber(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            VigilApi api = global.api(environment);
            if (!subscriber.matches("[0-9a-fA-F-]{36}")) {
                throw new CliException(ExitCodes.USAGE, "SUBSCRIBER must be a subscriber's id, as "
                        + "'vigil status-pages subscribers " + page + "' lists them");
            }
            api.delete("/api/v1/status-pages/" + pageId(api, page) + "/subscribers/" + subscriber);
            environment.out().println("Subscriber " + subscriber + " removed.");
            return ExitCodes.OK;
        }
    }

    /** The id of the page named by its id or slug; a usage error naming the pages there are when none matches. */
    static String pageId(VigilApi api, String page) {
        List<JsonNode> pages = api.get("/api/v1/status-pages").path("items").valueStream().toList();
        return pages.stream().filter(p -> Output.text(p, "id").equalsIgnoreCase(page)
                        || Output.text(p, "slug").equals(page)).findFirst().map(p -> Output.text(p, "id"))
                .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no status page " + page + " (there are: "
                        + String.join(", ", pages.stream().map(p -> Output.text(p, "slug")).toList()) + ")"));
    }
}
