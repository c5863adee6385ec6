package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Each subcommand is built by {@link #factory} with the run's {@link CliEnvironment}; failures
 * become a message on stderr (with one line per invalid field the API named) and an exit code of
 * {@link ExitCodes}, never a stack trace.
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VigilCli.Version.class,
        description = "Vigil from the terminal and from CI, through the public API.",
        footer = {"", "%s", "", "Environment:",
                "  VIGIL_API_KEY     a key, instead of `vigil login` (CI)",
                "  VIGIL_URL         the API's base URL",
                "  VIGIL_CONFIG_DIR  where login saves config.json (default ~/.config/vigil)"},
        subcommands = {LoginCommand.class, WhoamiCommand.class, MonitorsCommand.class, PlanCommand.class,
                ApplyCommand.class, ExportCommand.class, ImportCommand.class, ResultsCommand.class,
                UptimeCommand.class, IncidentsCommand.class, StatusPagesCommand.class, MaintenanceCommand.class,
                ChannelsCommand.class, CheckCommand.class, McpCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class VigilCli {

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line and answers its exit code. */
    public static int run(CliEnvironment environment, String... args) {
        CommandLine line = commandLine(environment);
        line.setOut(environment.out());
        line.setErr(environment.err());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException failure) {
                environment.err().println("vigil: " + failure.getMessage());
                for (String detail : failure.details()) {
                    environment.err().println("  " + detail);
                }
                environment.err().flush();
                return failure.exitCode();
            }
            environment.err().println("vigil: " + e);
            environment.err().flush();
            return ExitCodes.ERROR;
        });
        return line.execute(args);
    }

    /** The command tree, each command built with the run's environment. */
    static CommandLine commandLine(CliEnvironment environment) {
        CommandLine line = new CommandLine(new VigilCli(), factory(environment));
        line.getCommandSpec().usageMessage().footer(footer(line));
        return line;
    }

    private static String[] footer(CommandLine line) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String text : line.getCommandSpec().usageMessage().footer()) {
            if (text.equals("%s")) {
                lines.addAll(java.util.List.of(ExitCodes.HELP));
            } else {
                lines.add(text);
            }
        }
        return lines.toArray(String[]::new);
    }

    /** Gives every command that takes one the run's environment. */
    private static CommandLine.IFactory factory(CliEnvironment environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    var constructor = type.getDeclaredConstructor(CliEnvironment.class);
                    constructor.setAccessible(true);
                    return constructor.newInstance(environment);
                } catch (NoSuchMethodException e) {
                    return defaults.create(type);
                }
            }
        };
    }

    /** The project version the build wrote into {@code version.properties} (the release sets it from its tag). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigil " + version()};
        }

        static String version() {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = VigilCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (java.io.IOException e) {
                // Unreadable: the manifest's, else a development build.
            }
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("@")) {
                version = VigilCli.class.getPackage().getImplementationVersion();
            }
            return version == null ? "development build" : version;
        }
    }
}
