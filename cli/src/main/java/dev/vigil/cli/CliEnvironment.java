package dev.vigil.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the CLI reads from and writes to, passed in rather than taken from {@code System}, so tests run the
 * real commands with their own environment, configuration directory and streams.
 *
 * @param env       environment variables ({@code VIGIL_API_KEY}, {@code VIGIL_URL}, and those a document names)
 * @param configDir where {@code config.json} lives
 * @param terminal  whether stdout is a terminal: tables are coloured (unless {@code NO_COLOR} is set) and long
 *                  operations draw progress on stderr; never for pipes, files and CI logs
 */
public record CliEnvironment(Map<String, String> env, Path configDir, InputStream in, PrintWriter out,
                             PrintWriter err, boolean terminal) {

    /** A run that is not on a terminal (scripts, CI, tests). */
    public CliEnvironment(Map<String, String> env, Path configDir, InputStream in, PrintWriter out, PrintWriter err) {
        this(env, configDir, in, out, err, false);
    }

    /** The real one: the process's environment, the user's configuration directory, stdin, stdout and stderr. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), CliConfig.defaultDirectory(System.getenv()), System.in,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.stdoutIsTerminal());
    }

    /** Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
    boolean colour() {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty());
    }
}
