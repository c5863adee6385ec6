package dev.vigil.cli;

import dev.vigil.cli.imports.GatusImporter;
import dev.vigil.cli.imports.HealthchecksImporter;
import dev.vigil.cli.imports.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn another tool's configuration into a vigil.yaml (then `vigil plan` and `vigil apply` it).",
        subcommands = {ImportCommand.Gatus.class, ImportCommand.Healthchecks.class})
final class ImportCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Prints the document (stdout or --file) and, on stderr, what was not imported and which variables to set. */
    static void write(CliEnvironment environment, GlobalOptions global, ImportResult result, Path out)
            throws IOException {
        String text = global.json()
                ? VigilApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.document()) + "\n"
                : DocumentFiles.yaml(result.document());
        if (out == null) {
            environment.out().print(text);
            environment.out().flush();
        } else {
            Files.writeString(out, text);
            environment.err().println("Wrote " + out + " (" + result.document().path("monitors").size()
                    + " monitors, " + result.document().path("alertChannels").size() + " alert channels)");
        }
        if (!result.unmapped().isEmpty()) {
            environment.err().println("Not imported (" + result.unmapped().size() + "):");
            result.unmapped().forEach(line -> environment.err().println("  " + line));
        }
        if (!result.secrets().isEmpty()) {
            environment.err().println("Set these environment variables before `vigil apply` (secrets stay out of "
                    + "the file):");
            result.secrets().forEach(line -> environment.err().println("  " + line));
        }
        environment.err().flush();
    }

    @Command(name = "gatus", mixinStandardHelpOptions = true,
            description = "Gatus's config.yaml: endpoints, external endpoints with heartbeats, alerting providers.")
    static final class Gatus implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "CONFIG", description = "Gatus's config.yaml")
        Path config;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of stdout")
        Path out;

        Gatus(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(config);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.INVALID, "no such file: " + config);
            }
            ImportResult result;
            try {
                result = GatusImporter.convert(text);
            } catch (JacksonException e) {
                throw new CliException(ExitCodes.INVALID, config + " is not valid YAML: " + e.getOriginalMessage());
            }
            write(environment, global, result, out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "healthchecks", mixinStandardHelpOptions = true,
            description = {"A Healthchecks project's checks as HEARTBEAT monitors.",
                    "Give it the answer of its Management API: curl -H \"X-Api-Key: $KEY\" "
                            + "https://healthchecks.io/api/v3/checks/ > checks.json"})
    static final class Healthchecks implements Callable<Integer> {

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "CHECKS_JSON", description = "The saved answer of GET /api/v3/checks/")
        Path checks;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of stdout")
        Path out;

        Healthchecks(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(checks);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.INVALID, "no such file: " + checks);
            }
            ImportResult result;
            try {
                result = HealthchecksImporter.convert(text);
            } catch (JacksonException | IllegalArgumentException e) {
                throw new CliException(ExitCodes.INVALID, checks + " is not a Healthchecks checks list: "
                        + e.getMessage());
            }
            write(environment, global, result, out);
            return ExitCodes.OK;
        }
    }
}
