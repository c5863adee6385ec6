package dev.vigil.plugin;

import java.util.List;

/**
 * What a plugin check found.
 *
 * @param status   the verdict
 * @param message  one line for people: what was seen, or why it failed
 * @param perfData measurements to chart, may be empty
 */
public record CheckReport(Status status, String message, List<PerfValue> perfData) {

    public CheckReport {
        if (status == null) {
            throw new IllegalArgumentException("a report needs a status");
        }
        perfData = perfData == null ? List.of() : List.copyOf(perfData);
    }

    public static CheckReport ok(String message, PerfValue... perfData) {
        return new CheckReport(Status.OK, message, List.of(perfData));
    }

    public static CheckReport warning(String message, PerfValue... perfData) {
        return new CheckReport(Status.WARNING, message, List.of(perfData));
    }

    public static CheckReport critical(String message, PerfValue... perfData) {
        return new CheckReport(Status.CRITICAL, message, List.of(perfData));
    }

    public static CheckReport unknown(String message) {
        return new CheckReport(Status.UNKNOWN, message, List.of());
    }
}
