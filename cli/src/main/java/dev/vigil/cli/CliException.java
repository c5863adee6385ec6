package dev.vigil.cli;

import java.util.List;

/**
 * A failure to report to the person and end the command with {@code exitCode}: an API problem (with the fields it
 * names) or a local one (no key, an unreadable file, a missing environment variable).
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final List<String> details;

    public CliException(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    public CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }
}
