package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the workspace as a vigil.yaml (to stdout, or --file).",
                "Secrets appear as {env: VIGIL_<KEY>_<FIELD>} references; objects no file manages yet are keyed by "
                        + "their id, and the first apply of the export adopts them."})
final class ExportCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of stdout")
    Path file;

    ExportCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        VigilApi api = global.api(environment);
        JsonNode document;
        try (Progress progress = Progress.spinner(environment, global, "Exporting the workspace")) {
            document = api.get("/api/v1/export");
        }
        String text;
        if (global.json()) {
            text = VigilApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        } else {
            text = DocumentFiles.yaml(document);
        }
        if (file == null) {
            environment.out().print(text);
            environment.out().flush();
        } else {
            Files.writeString(file, text);
            environment.err().println("Wrote " + file);
            environment.err().flush();
        }
        return ExitCodes.OK;
    }
}
