package dev.vigil.cli;

import dev.vigil.cli.imports.GatusImporter;
import dev.vigil.cli.imports.HealthchecksImporter;
import dev.vigil.cli.imports.ImportResult;
import dev.vigil.cli.imports.KumaSource;
import dev.vigil.cli.imports.UptimeKumaImporter;
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
        subcommands = {ImportCommand.UptimeKuma.class, ImportCommand.Gatus.class, ImportCommand.Healthchecks.class})
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

    /**
     * An import from one file of another tool: the options, reading the file and writing the result are shared; each
     * tool says only how its text converts and what to call a file it cannot read.
     */
    abstract static class FileImport implements Callable<Integer> {

        final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of stdout")
        Path out;

        FileImport(CliEnvironment environment) {
            this.environment = environment;
        }

        abstract Path input();

        /** Converts the file's text; a Jackson or argument error means the file is not what this tool writes. */
        abstract ImportResult convert(String text);

        /** The error's message when {@link #convert} refused the file. */
        abstract String unreadable(RuntimeException e);

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(input());
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.INVALID, "no such file: " + input());
            }
            ImportResult result;
            try (Progress progress = Progress.spinner(environment, global, "Converting " + input())) {
                result = convert(text);
            } catch (JacksonException | IllegalArgumentException e) {
                throw new CliException(ExitCodes.INVALID, unreadable(e));
            }
            write(environment, global, result, out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "gatus", mixinStandardHelpOptions = true,
            description = "Gatus's config.yaml: endpoints, external endpoints with heartbeats, alerting providers.")
    static final class Gatus extends FileImport {

        @Parameters(paramLabel = "CONFIG", description = "Gatus's config.yaml")
        Path config;

        Gatus(CliEnvironment environment) {
            super(environment);
        }

        @Override
        Path input() {
            return config;
        }

        @Override
        ImportResult convert(String text) {
            return GatusImporter.convert(text);
        }

        @Override
        String unreadable(RuntimeException e) {
            return config + " is not valid YAML: "
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage());
        }
    }

    @Command(name = "healthchecks", mixinStandardHelpOptions = true,
            description = {"A Healthchecks project's checks as HEARTBEAT monitors.",
                    "Give it the answer of its Management API: curl -H \"X-Api-Key: $KEY\" "
                            + "https://healthchecks.io/api/v3/checks/ > checks.json"})
    static final class Healthchecks extends FileImport {

        @Parameters(paramLabel = "CHECKS_JSON", description = "The saved answer of GET /api/v3/checks/")
        Path checks;

        Healthchecks(CliEnvironment environment) {
            super(environment);
        }

        @Override
        Path input() {
            return checks;
        }

        @Override
        ImportResult convert(String text) {
            return HealthchecksImporter.convert(text);
        }

        @Override
        String unreadable(RuntimeException e) {
            return checks + " is not a Healthchecks checks list: " + e.getMessage();
        }
    }

    @Command(name = "uptime-kuma", mixinStandardHelpOptions = true,
            description = {"Uptime Kuma's monitors and notifications: its SQLite database (2.0 keeps them only "
                    + "there: data/kuma.db, best a copy taken while Kuma is stopped) or a 1.x backup.json.",
                    "HTTP, keyword and JSON-query monitors become HTTP monitors with assertions, port TCP, dns DNS, "
                            + "push HEARTBEAT, ping PING, smtp SMTP, websocket-upgrade WEBSOCKET, grpc-keyword GRPC, "
                            + "postgres/mysql/redis DATABASE; every other type and setting is listed on stderr."})
    static final class UptimeKuma implements Callable<Integer> {

        private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private final CliEnvironment environment;

        @Mixin
        GlobalOptions global;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of stdout")
        Path out;

        @Parameters(paramLabel = "KUMA_DB_OR_BACKUP", description = "kuma.db (SQLite) or a 1.x backup.json")
        Path source;

        UptimeKuma(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(source)) {
                throw new CliException(ExitCodes.INVALID, "no such file: " + source);
            }
            ImportResult result;
            try (Progress progress = Progress.spinner(environment, global, "Reading " + source)) {
                KumaSource.Tables tables = sqlite(source) ? KumaSource.database(source)
                        : KumaSource.backup(Files.readString(source));
                result = UptimeKumaImporter.convert(tables);
            } catch (JacksonException e) {
                throw new CliException(ExitCodes.INVALID, source + " is neither an SQLite database nor a backup "
                        + "JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.INVALID, source + ": " + e.getMessage());
            }
            write(environment, global, result, out);
            return ExitCodes.OK;
        }

        private static boolean sqlite(Path file) throws IOException {
            try (var in = Files.newInputStream(file)) {
                return java.util.Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
            }
        }
    }
}
