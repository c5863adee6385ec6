package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil incidents declare}: an incident a person opens without a monitor, on the status-page components it
 * affects; its first update is on the pages and told to their subscribers at once.
 */
@Command(name = "declare", mixinStandardHelpOptions = true,
        description = {"Declare an incident no monitor opened: a public title, a severity, a first update and the "
                + "status-page components it affects with their impact.",
                "Example: vigil incidents declare -t \"Checkout failures\" --severity major "
                        + "-m \"Customers see errors\" -c \"Public API=partial_outage\" "
                        + "-c \"Data store=degraded_performance\""})
final class DeclareIncidentCommand implements Callable<Integer> {

    enum Severity { minor, major, critical }

    enum Status { investigating, identified, monitoring }

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-t", "--title"}, required = true, paramLabel = "TITLE",
            description = "The incident's public title")
    String title;

    @Option(names = "--severity", required = true, paramLabel = "SEVERITY", description = "minor, major or critical")
    Severity severity;

    @Option(names = {"-s", "--status"}, paramLabel = "STATUS", defaultValue = "investigating",
            description = "The first update's status: investigating, identified or monitoring; "
                    + "default ${DEFAULT-VALUE}")
    Status status;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT",
            description = "The first update: what to tell the status page's readers")
    String message;

    @Option(names = {"-c", "--component"}, required = true, paramLabel = "COMPONENT=IMPACT",
            description = "A status-page component (id, name or SLUG/NAME) and its impact: degraded_performance, "
                    + "partial_outage or major_outage; repeatable, at least one")
    List<String> components;

    DeclareIncidentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        ObjectNode body = VigilApi.JSON.createObjectNode().put("title", title).put("severity", severity.name())
                .put("status", status.name()).put("message", message);
        body.set("components", ComponentImpactArgs.resolve(api, components));
        JsonNode answer = api.post("/api/v1/incidents", body.toString());
        if (global.json()) {
            Output.json(environment.out(), answer);
        } else {
            Output.table(environment, IncidentsCommand.DECLARED_COLUMNS,
                    List.of(IncidentsCommand.declaredRow(answer)));
        }
        return ExitCodes.OK;
    }
}
