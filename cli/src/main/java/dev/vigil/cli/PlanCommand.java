package dev.vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what `vigil apply` would create, update and delete; changes nothing.",
                "The server checks the whole document as the apply would, so a plan that passes applies."})
final class PlanCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "vigil.yaml (or JSON); - reads stdin")
    Path file;

    @Option(names = "--prune", description = "Also plan deleting managed objects the file no longer names")
    boolean prune;

    @Option(names = "--detailed-exitcode", description = "Exit 8 when the plan has changes, 0 when it has none")
    boolean detailedExitCode;

    PlanCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        JsonNode plan = send(environment, global, file, true, prune);
        return detailedExitCode && plan.path("changes").size() > 0 ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    }

    /** Posts the document and prints the plan the API answers. */
    static JsonNode send(CliEnvironment environment, GlobalOptions global, Path file, boolean dryRun, boolean prune) {
        String document = DocumentFiles.read(file, environment);
        JsonNode plan;
        try (Progress progress = Progress.spinner(environment, global, (dryRun ? "Planning " : "Applying ") + file)) {
            plan = global.api(environment).post("/api/v1/apply?dryRun=" + dryRun + "&prune=" + prune, document);
        }
        if (global.json()) {
            Output.json(environment.out(), plan);
            return plan;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode change : plan.path("changes")) {
            List<String> fields = new ArrayList<>();
            change.path("fields").forEach(f -> fields.add(f.asString()));
            rows.add(List.of(sign(change.path("action").asString()) + " " + change.path("action").asString(),
                    Output.text(change, "kind"), Output.text(change, "key"), Output.text(change, "name"),
                    fields.isEmpty() ? "" : String.join(", ", fields)));
        }
        if (!rows.isEmpty()) {
            Output.table(environment.out(), List.of("ACTION", "KIND", "KEY", "NAME", "CHANGES"), rows);
        }
        JsonNode s = plan.path("summary");
        environment.out().println((dryRun ? "Plan: " : "Applied: ") + s.path("create").asInt() + " to create, "
                + s.path("update").asInt() + " to update, " + s.path("delete").asInt() + " to delete, "
                + s.path("unchanged").asInt() + " unchanged." + (dryRun && !rows.isEmpty()
                ? " Run `vigil apply -f " + file + (prune ? " --prune" : "") + "` to make these changes." : ""));
        environment.out().flush();
        return plan;
    }

    private static String sign(String action) {
        return switch (action) {
            case "create" -> "+";
            case "delete" -> "-";
            default -> "~";
        };
    }
}
