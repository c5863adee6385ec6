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

    public CheckOutcome {
        timings = timings == null ? PhaseTimings.NONE : timings;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        perfData = perfData == null ? List.of() : List.copyOf(perfData);
    }

    public static CheckOutcome failed(ErrorKind error, String message, long latencyMs) {
        return new CheckOutcome(false, false, latencyMs, PhaseTimings.NONE, null, error, message, List.of(),
                List.of(), null, null);
    }
}
