package dev.vigil.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Save an API key (and the API's URL) for the next commands.",
                "The key is read from --key, else typed at the prompt (not echoed), else the first line of stdin; "
                        + "it is checked against the API, then saved owner-only (0600) in the configuration "
                        + "directory. VIGIL_API_KEY overrides it."})
final class LoginCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Option(names = "--key", paramLabel = "KEY", description = "The API key (visible in shell history: prefer the "
            + "prompt or stdin)")
    String key;

    LoginCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        String apiKey = key != null ? key : readKey();
        if (apiKey == null || apiKey.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "no key given");
        }
        CliConfig saved = CliConfig.load(environment.configDir());
        String url = global.baseUrl(environment, saved);
        JsonNode workspace = new VigilApi(url, apiKey.strip()).get("/api/v1/workspace");
        new CliConfig(url, apiKey.strip()).save(environment.configDir());
        environment.out().println("Logged in to " + url + " as " + workspace.path("role").asString() + " of "
                + workspace.path("name").asString() + "; key saved in " + CliConfig.file(environment.configDir()));
        environment.out().flush();
        return ExitCodes.OK;
    }

    private String readKey() throws IOException {
        Console console = System.console();
        if (console != null && environment.in() == System.in) {
            char[] typed = console.readPassword("API key: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(environment.in())).readLine();
    }
}
