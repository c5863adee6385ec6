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
 */
public record CliEnvironment(Map<String, String> env, Path configDir, InputStream in, PrintWriter out,
                             PrintWriter err) {

    /** The real one: the process's environment, the user's configuration directory, stdin, stdout and stderr. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), CliConfig.defaultDirectory(System.getenv()), System.in,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }
}
