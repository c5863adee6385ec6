package dev.vigil.api.result;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored result as API.md shows it. {@code error} is the human-readable failure; {@code errorKind} its class.
 */
public record ResultView(UUID jobId, Instant time, String region, String kind, boolean ok, boolean degraded,
                         long latencyMs, Integer statusCode, String error, String errorKind, Timings timings) {

    /** Phase timings in milliseconds; null where the phase did not happen. */
    public record Timings(Integer dnsMs, Integer connectMs, Integer tlsMs, Integer firstByteMs) {
    }
}
