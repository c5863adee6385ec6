package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the workspace and role the key acts as.")
final class WhoamiCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    WhoamiCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VigilApi api = global.api(environment);
        JsonNode workspace = api.get("/api/v1/workspace");
        if (global.json()) {
            Output.json(environment.out(), workspace);
        } else {
            Output.table(environment.out(), List.of("WORKSPACE", "ID", "ROLE", "PLAN", "API"),
                    List.of(List.of(Output.text(workspace, "name"), Output.text(workspace, "id"),
                            Output.text(workspace, "role"), Output.text(workspace, "plan"), api.baseUrl())));
        }
        return ExitCodes.OK;
    }
}
