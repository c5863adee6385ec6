package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code vigil incidents link|unlink}: many monitors' incidents told as one declared incident on the status pages
 * (and back).
 */
final class LinkIncidentCommands {

    private LinkIncidentCommands() {
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Make a monitor's incident part of a declared incident: status pages then tell only the "
                    + "declared one.")
    static final class Link implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "INCIDENT", description = "The monitor's incident's id")
        String incident;

        @Option(names = "--to", required = true, paramLabel = "DECLARED", description = "The declared incident's id")
        String declared;

        Link(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            JsonNode answer = global.api(environment).post("/api/v1/incidents/" + IncidentsCommand.id(incident)
                    + "/link", VigilApi.JSON.createObjectNode().put("declaredIncidentId",
                    IncidentsCommand.id(declared)).toString());
            if (global.json()) {
                Output.json(environment.out(), answer);
            } else {
                Output.table(environment, List.of("INCIDENT", "PART OF"), List.of(List.of(Output.text(answer, "id"),
                        Output.text(answer, "declaredIncidentId"))));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "unlink", mixinStandardHelpOptions = true,
            description = "A monitor's incident is no longer part of a declared one: status pages tell it again.")
    static final class Unlink implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "INCIDENT", description = "The monitor's incident's id")
        String incident;

        Unlink(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            String id = IncidentsCommand.id(incident);
            VigilApi api = global.api(environment);
            api.delete("/api/v1/incidents/" + id + "/link");
            JsonNode now = api.get("/api/v1/incidents/" + id);
            if (global.json()) {
                Output.json(environment.out(), now);
            } else {
                Output.table(environment, IncidentsCommand.COLUMNS, List.of(IncidentsCommand.row(api, now)));
            }
            return ExitCodes.OK;
        }
    }
}
