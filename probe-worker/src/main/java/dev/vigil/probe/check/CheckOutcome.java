package dev.vigil.probe.check;

import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.message.SyntheticRun;
import java.util.List;

/**
 * What a check found; the job's identity is added when it becomes a {@code CheckResult}. Multi-step checks add their
 * steps ({@code synthetic}) and, when a browser check failed, what the page looked like ({@code artifacts}).
 */
public record CheckOutcome(boolean ok, boolean degraded, long latencyMs, PhaseTimings timings, Integer statusCode,
                           ErrorKind error, String message, List<AssertionOutcome> assertions,
                           List<PerfDatum> perfData, Integer tlsDaysLeft, Long responseBytes,
                           SyntheticRun synthetic, Artifacts artifacts) {

    /** Messages travel in every result and end up in alerts: one readable line, not a dump. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    public CheckOutcome {
        timings = timings == null ? PhaseTimings.NONE : timings;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        perfData = perfData == null ? List.of() : List.copyOf(perfData);
        message = clip(message);
    }

    /** The outcome of a single-request check. */
    public CheckOutcome(boolean ok, boolean degraded, long latencyMs, PhaseTimings timings, Integer statusCode,
                        ErrorKind error, String message, List<AssertionOutcome> assertions, List<PerfDatum> perfData,
                        Integer tlsDaysLeft, Long responseBytes) {
        this(ok, degraded, latencyMs, timings, statusCode, error, message, assertions, perfData, tlsDaysLeft,
                responseBytes, null, null);
    }

    /**
     * What a failed browser check's page looked like.
     *
     * @param screenshotPng the viewport as PNG
     * @param html          the page's HTML
     */
    public record Artifacts(byte[] screenshotPng, String html) {
    }

    public static CheckOutcome failed(ErrorKind error, String message, long latencyMs) {
        return new CheckOutcome(false, false, latencyMs, PhaseTimings.NONE, null, error, message, List.of(),
                List.of(), null, null);
    }

    public static CheckOutcome failed(ErrorKind error, String message, long latencyMs, PhaseTimings timings) {
        return new CheckOutcome(false, false, latencyMs, timings, null, error, message, List.of(), List.of(), null,
                null);
    }

    /** A check that passed, degraded when it was slower than the monitor allows. */
    public static CheckOutcome up(CheckJob job, long latencyMs, PhaseTimings timings, String message) {
        return new CheckOutcome(true, isSlow(job, latencyMs), latencyMs, timings, null, null, message, List.of(),
                List.of(), null, null);
    }

    /** Whether a check that took {@code latencyMs} is slower than the monitor's degraded threshold. */
    public static boolean isSlow(CheckJob job, long latencyMs) {
        return job.degradedAboveMs() != null && latencyMs > job.degradedAboveMs();
    }

    /** This outcome, degraded if it passed but was slower than the monitor allows. */
    public CheckOutcome degradedIfSlow(CheckJob job) {
        if (!ok || degraded || !isSlow(job, latencyMs)) {
            return this;
        }
        return new CheckOutcome(true, true, latencyMs, timings, statusCode, error, message, assertions, perfData,
                tlsDaysLeft, responseBytes, synthetic, artifacts);
    }

    /** The same outcome with the days left of the server's certificate, when one was seen. */
    public CheckOutcome withTlsDaysLeft(Integer days) {
        return new CheckOutcome(ok, degraded, latencyMs, timings, statusCode, error, message, assertions, perfData,
                days, responseBytes, synthetic, artifacts);
    }

    /** Whether the check failed because the target may not be reached from here (SSRF guard). */
    public boolean blocked() {
        return error == ErrorKind.BLOCKED;
    }

    private static String clip(String text) {
        if (text == null || text.length() <= MAX_MESSAGE_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
