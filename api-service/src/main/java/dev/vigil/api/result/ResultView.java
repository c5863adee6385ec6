package dev.vigil.api.result;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored result as docs/api.md shows it. {@code error} is the human-readable failure; {@code errorKind} its class.
 * For a failure, {@code roundStatus} says what the round made of it: {@code CONFIRMED_DOWN} (other regions confirmed
 * it: the monitor was down), {@code NOT_CONFIRMED} (no other region confirmed it: recorded, alerted to no one) or
 * {@code AWAITING_CONFIRMATION}; {@code note} says the same for people ("failed in local-b, not confirmed"). Both
 * are null for successes.
 */
public record ResultView(UUID jobId, Instant time, String region, String kind, boolean ok, boolean degraded,
                         long latencyMs, Integer statusCode, String error, String errorKind, Timings timings,
                         String roundStatus, String note) {

    /** Phase timings in milliseconds; null where the phase did not happen. */
    public record Timings(Integer dnsMs, Integer connectMs, Integer tlsMs, Integer firstByteMs) {
    }
}
