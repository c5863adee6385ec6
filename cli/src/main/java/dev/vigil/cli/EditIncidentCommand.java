package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil incidents edit}: a title of its own for any incident, a new severity for a declared one. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Give an incident a public title of its own (\"\" gives a monitor's incident its generated "
                + "title back), or a declared incident another severity.")
final class EditIncidentCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
    String incident;

    @Option(names = {"-t", "--title"}, paramLabel = "TITLE", description = "The public title")
    String title;

    @Option(names = "--severity", paramLabel = "SEVERITY",
            description = "Declared incidents: minor, major or critical")
    DeclareIncidentCommand.Severity severity;

    EditIncidentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (title == null && severity == null) {
            throw new CliException(ExitCodes.USAGE, "give --title, --severity or both");
        }
        ObjectNode body = VigilApi.JSON.createObjectNode();
        if (title != null) {
            body.put("title", title);
        }
        if (severity != null) {
            body.put("severity", severity.name());
        }
        VigilApi api = global.api(environment);
        JsonNode answer = api.patch("/api/v1/incidents/" + IncidentsCommand.id(incident),
                body.toString());
        if (global.json()) {
            Output.json(environment.out(), answer);
        } else if ("DECLARED".equals(answer.path("kind").asString())) {
            Output.table(environment, IncidentsCommand.DECLARED_COLUMNS,
                    List.of(IncidentsCommand.declaredRow(answer)));
        } else {
            Output.table(environment, IncidentsCommand.COLUMNS, List.of(IncidentsCommand.row(api, answer)));
        }
        return ExitCodes.OK;
    }
}
