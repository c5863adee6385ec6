package dev.vigil.cli;

import picocli.CommandLine.Option;

/** Options every command takes: where the API is and how to print. */
final class GlobalOptions {

    enum Format { table, json }

    @Option(names = "--url", paramLabel = "URL",
            description = "The API's base URL (default: VIGIL_URL, else the one saved by login, else "
                    + CliConfig.DEFAULT_URL + ")")
    String url;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, for people) or json (the API's answer, for scripts); default ${DEFAULT-VALUE}")
    Format output;

    boolean json() {
        return output == Format.json;
    }

    /** The API as this run reaches it: flag, then environment, then the saved login. */
    VigilApi api(CliEnvironment environment) {
        CliConfig saved = CliConfig.load(environment.configDir());
        String key = environment.env().get("VIGIL_API_KEY");
        return new VigilApi(baseUrl(environment, saved), key != null && !key.isBlank() ? key : saved.apiKey());
    }

    String baseUrl(CliEnvironment environment, CliConfig saved) {
        if (url != null) {
            return url;
        }
        String fromEnv = environment.env().get("VIGIL_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return saved.url() != null ? saved.url() : CliConfig.DEFAULT_URL;
    }
}
