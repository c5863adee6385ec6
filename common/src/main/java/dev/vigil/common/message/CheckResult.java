package dev.vigil.common.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of one {@link CheckJob}: probe → {@code results}. Idempotent by {@code jobId}: a result published twice
 * (a redelivered job, a probe that died after publishing) is stored once.
 *
 * @param jobId         the job that ran
 * @param roundId       its round
 * @param monitorId     the monitor
 * @param workspaceId   the monitor's workspace
 * @param region        where it ran
 * @param kind          why it ran
 * @param scheduledAt   the round's instant (the time column of stored results)
 * @param startedAt     when the check started
 * @param ok            whether the target was up (all assertions passed)
 * @param degraded      up, but slower than the monitor's threshold (or a plugin's WARNING)
 * @param latencyMs     total duration of the check
 * @param timings       phase timings, where the check type has phases
 * @param statusCode    HTTP status, for HTTP checks that got a response
 * @param error         the class of failure when not ok
 * @param message       human-readable failure (or, for plugins, their first output line)
 * @param assertions    each assertion's outcome
 * @param perfData      plugin performance data
 * @param tlsDaysLeft   days until the certificate expires, for TLS and HTTPS checks
 * @param responseBytes size of the response body read
 * @param attempts      1, or 2 when the local retry ran
 * @param synthetic     the steps of a multi-step check (API steps, browser), else null
 */
public record CheckResult(UUID jobId, UUID roundId, UUID monitorId, UUID workspaceId, String region, JobKind kind,
                          Instant scheduledAt, Instant startedAt, boolean ok, boolean degraded, long latencyMs,
                          PhaseTimings timings, Integer statusCode, ErrorKind error, String message,
                          List<AssertionOutcome> assertions, List<PerfDatum> perfData, Integer tlsDaysLeft,
                          Long responseBytes, int attempts, SyntheticRun synthetic) {

    public CheckResult {
        timings = timings == null ? PhaseTimings.NONE : timings;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        perfData = perfData == null ? List.of() : List.copyOf(perfData);
    }

    /** A result of a single-request check (no steps). */
    public CheckResult(UUID jobId, UUID roundId, UUID monitorId, UUID workspaceId, String region, JobKind kind,
                       Instant scheduledAt, Instant startedAt, boolean ok, boolean degraded, long latencyMs,
                       PhaseTimings timings, Integer statusCode, ErrorKind error, String message,
                       List<AssertionOutcome> assertions, List<PerfDatum> perfData, Integer tlsDaysLeft,
                       Long responseBytes, int attempts) {
        this(jobId, roundId, monitorId, workspaceId, region, kind, scheduledAt, startedAt, ok, degraded, latencyMs,
                timings, statusCode, error, message, assertions, perfData, tlsDaysLeft, responseBytes, attempts, null);
    }

    /** The first failed assertion's message, else the error message: what an alert names as the cause. */
    public String cause() {
        return assertions.stream().filter(a -> !a.passed()).map(AssertionOutcome::message).findFirst()
                .orElse(message);
    }
}
