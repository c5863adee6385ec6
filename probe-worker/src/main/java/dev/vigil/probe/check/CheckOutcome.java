package dev.vigil.probe.check;

import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.message.PhaseTimings;
import java.util.List;

/** What a check found; the job's identity is added when it becomes a {@code CheckResult}. */
public record CheckOutcome(boolean ok, boolean degraded, long latencyMs, PhaseTimings timings, Integer statusCode,
                           ErrorKind error, String message, List<AssertionOutcome> assertions,
                           List<PerfDatum> perfData, Integer tlsDaysLeft, Long responseBytes) {

    /** Messages travel in every result and end up in alerts: one readable line, not a dump. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    public CheckOutcome {
        timings = timings == null ? PhaseTimings.NONE : timings;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        perfData = perfData == null ? List.of() : List.copyOf(perfData);
        message = clip(message);
    }

    public static CheckOutcome failed(ErrorKind error, String message, long latencyMs) {
        return new CheckOutcome(false, false, latencyMs, PhaseTimings.NONE, null, error, message, List.of(),
                List.of(), null, null);
    }

    public static CheckOutcome failed(ErrorKind error, String message, long latencyMs, PhaseTimings timings) {
        return new CheckOutcome(false, false, latencyMs, timings, null, error, message, List.of(), List.of(), null,
                null);
    }

    /** The same outcome with the days left of the server's certificate, when one was seen. */
    public CheckOutcome withTlsDaysLeft(Integer days) {
        return new CheckOutcome(ok, degraded, latencyMs, timings, statusCode, error, message, assertions, perfData,
                days, responseBytes);
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
