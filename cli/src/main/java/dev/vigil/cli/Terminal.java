package dev.vigil.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * The little a CLI needs from a terminal: whether stdout is one, and ANSI styles for table cells.
 */
final class Terminal {

    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";

    private Terminal() {
    }

    /**
     * Since JDK 22 {@link System#console()} answers a console even when the streams are redirected, and
     * {@code Console.isTerminal()} tells; the CLI is built for Java 21, where a console exists only on a terminal.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The style of a status word (monitor, incident, maintenance, result), or null for none. */
    static String styleOf(String value) {
        return switch (value) {
            case "UP", "OK", "RESOLVED", "resolved", "completed", "healthy", "ok" -> GREEN;
            case "DOWN", "FAILED", "OPEN", "failed", "unhealthy", "investigating" -> RED;
            case "DEGRADED", "ACKNOWLEDGED", "in_progress", "identified", "monitoring" -> YELLOW;
            case "PAUSED", "PENDING", "scheduled" -> DIM;
            default -> null;
        };
    }
}
