package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code vigil incidents resolve}: the last update of a declared incident (its components go back to operational,
 * it moves to the page's history) or a resolved story on a monitor's incident (which itself follows its checks).
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Post the resolving update: a declared incident is resolved and its components are "
                + "operational again; a monitor's incident is shown under past incidents (it closes itself when its "
                + "checks pass).", "Then the incident as it is now is printed."})
final class ResolveIncidentCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
    String incident;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT",
            description = "What to tell the status page's readers")
    String message;

    ResolveIncidentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        String id = IncidentsCommand.id(incident);
        api.post("/api/v1/incidents/" + id + "/updates", VigilApi.JSON.createObjectNode().put("status", "resolved")
                .put("message", message).toString());
        JsonNode now = api.get("/api/v1/incidents/" + id);
        if (global.json()) {
            Output.json(environment.out(), now);
        } else if ("DECLARED".equals(now.path("kind").asString())) {
            Output.table(environment, IncidentsCommand.DECLARED_COLUMNS, List.of(IncidentsCommand.declaredRow(now)));
        } else {
            Output.table(environment, IncidentsCommand.COLUMNS, List.of(IncidentsCommand.row(api, now)));
        }
        return ExitCodes.OK;
    }
}
