package dev.vigil.api.dashboard.oncall;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The dashboard's {@code datetime-local} inputs are UTC; the API takes ISO-8601 instants. */
final class UtcInput {

    private UtcInput() {
    }

    /** {@code 2026-03-02T09:00} as {@code 2026-03-02T09:00:00Z}; anything else as given, for the API to refuse. */
    static String instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return local.strip();
        }
    }

    /** An instant as the value of a {@code datetime-local} input, in UTC, to the minute. */
    static String local(java.time.Instant at) {
        return at == null ? "" : LocalDateTime.ofInstant(at, ZoneOffset.UTC).withSecond(0).withNano(0).toString();
    }
}
