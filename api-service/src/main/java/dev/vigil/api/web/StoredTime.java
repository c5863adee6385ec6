package dev.vigil.api.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision PostgreSQL stores (microseconds), for values that are both stored and answered:
 * otherwise the answer to a create would show nanoseconds that a later read no longer has.
 */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
