package dev.vigil.api.oneshot;

import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckResult;
import java.time.Instant;
import java.util.List;

/**
 * What one region answered to a one-shot check or a "run now".
 *
 * @param status      {@code UP}, {@code DEGRADED}, {@code DOWN}, or {@code NO_ANSWER} when the region did not answer
 *                    within the wait (every other field then null)
 * @param latencyMs   the check's total time
 * @param statusCode  the HTTP status, for HTTP checks that got a response
 * @param timings     phase timings in ms (null where a phase did not happen)
 * @param errorKind   the class of failure (TIMEOUT, CONNECTION, BLOCKED, ASSERTION, ...)
 * @param error       the failure in words (for plugins, their first output line)
 * @param assertions  each assertion's outcome
 * @param tlsDaysLeft days until the certificate expires, for TLS and HTTPS checks
 * @param checkedAt   when the check started in that region
 */
public record RegionAnswer(String region, String status, Long latencyMs, Integer statusCode, Timings timings,
                           String errorKind, String error, List<AssertionOutcome> assertions, Integer tlsDaysLeft,
                           Instant checkedAt) {

    /** Phase timings in milliseconds. */
    public record Timings(Long dnsMs, Long connectMs, Long tlsMs, Long firstByteMs) {
    }

    static RegionAnswer noAnswer(String region) {
        return new RegionAnswer(region, "NO_ANSWER", null, null, null, null, null, List.of(), null, null);
    }

    static RegionAnswer of(CheckResult result) {
        String status = !result.ok() ? "DOWN" : result.degraded() ? "DEGRADED" : "UP";
        return new RegionAnswer(result.region(), status, result.latencyMs(), result.statusCode(),
                new Timings(result.timings().dnsMs(), result.timings().connectMs(), result.timings().tlsMs(),
                        result.timings().firstByteMs()),
                result.error() == null ? null : result.error().name(), result.ok() ? null : result.cause(),
                result.assertions(), result.tlsDaysLeft(), result.startedAt());
    }
}
