package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil incidents show}: one incident as its status page readers and its responders know it: title,
 * severity, affected components, the public updates, the timeline and whether a postmortem is published.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One incident: title, severity, components, public updates, timeline and postmortem state.")
final class ShowIncidentCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
    String incident;

    ShowIncidentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        String id = IncidentsCommand.id(incident);
        JsonNode view = api.get("/api/v1/incidents/" + id);
        JsonNode updates = api.get("/api/v1/incidents/" + id + "/updates").path("items");
        JsonNode postmortem = postmortem(api, id);
        if (global.json()) {
            ObjectNode all = (ObjectNode) view.deepCopy();
            all.set("updates", updates);
            all.set("postmortem", postmortem);
            Output.json(environment.out(), all);
            return ExitCodes.OK;
        }
        List<List<String>> fields = new ArrayList<>();
        for (String field : List.of("id", "kind", "title", "severity", "status", "startedAt", "acknowledgedAt",
                "resolvedAt", "monitorId", "declaredIncidentId", "cause")) {
            if (view.hasNonNull(field)) {
                fields.add(List.of(field, Output.text(view, field)));
            }
        }
        if (view.has("components")) {
            fields.add(List.of("components", IncidentsCommand.declaredRow(view).get(4)));
        }
        fields.add(List.of("postmortem", postmortem.isNull() ? "none"
                : postmortem.path("published").asBoolean() ? "published" : "draft"));
        Output.table(environment, List.of("FIELD", "VALUE"), fields);
        environment.out().println();
        List<List<String>> rows = new ArrayList<>();
        updates.forEach(u -> rows.add(List.of(Output.text(u, "createdAt"), Output.text(u, "status"),
                Output.text(u, "message"))));
        Output.table(environment, List.of("UPDATED", "STATUS", "MESSAGE"), rows);
        return ExitCodes.OK;
    }

    private static JsonNode postmortem(VigilApi api, String id) {
        try {
            return api.get("/api/v1/incidents/" + id + "/postmortem");
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return VigilApi.JSON.nullNode();
            }
            throw e;
        }
    }
}
