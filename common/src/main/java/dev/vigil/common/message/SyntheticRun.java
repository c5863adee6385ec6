package dev.vigil.common.message;

import java.util.List;

/**
 * What a multi-step check (API steps, browser) did, step by step: carried in its {@link CheckResult} and stored with
 * it (the result's details), so the API and dashboard show each step's timing and where it failed.
 *
 * @param steps          every step that ran, in order; the run stops at the first failing one
 * @param failedStep     the index of the failing step, or null when all passed
 * @param metrics        the page's load metrics (browser checks), or null
 * @param consoleErrors  console errors and uncaught exceptions the page logged (browser checks), first few
 * @param failedRequests requests the page made that failed or were refused by the SSRF guard (browser checks)
 * @param artifacts      whether a screenshot and the page's HTML were captured (sent as {@link CheckArtifacts})
 */
public record SyntheticRun(List<StepRun> steps, Integer failedStep, PageMetrics metrics, List<String> consoleErrors,
                           List<String> failedRequests, boolean artifacts) {

    public SyntheticRun {
        steps = steps == null ? List.of() : List.copyOf(steps);
        consoleErrors = consoleErrors == null ? List.of() : List.copyOf(consoleErrors);
        failedRequests = failedRequests == null ? List.of() : List.copyOf(failedRequests);
    }

    /**
     * One step's outcome.
     *
     * @param index      0-based position in the check
     * @param name       the step's label (an API step's name, a browser step's action and selector)
     * @param ok         whether it passed
     * @param durationMs how long it took
     * @param statusCode the HTTP status (API steps)
     * @param timings    DNS, connect, TLS and first-byte times (API steps)
     * @param message    why it failed (the first failing assertion), else null
     * @param assertions each assertion's outcome (API steps)
     * @param extracted  the names of the variables it set (never their values)
     */
    public record StepRun(int index, String name, boolean ok, long durationMs, Integer statusCode,
                          PhaseTimings timings, String message, List<AssertionOutcome> assertions,
                          List<String> extracted) {

        public StepRun {
            timings = timings == null ? PhaseTimings.NONE : timings;
            assertions = assertions == null ? List.of() : List.copyOf(assertions);
            extracted = extracted == null ? List.of() : List.copyOf(extracted);
        }
    }

    /**
     * A page's load metrics, read with the browser's Performance APIs after the last navigation.
     *
     * @param ttfbMs time to first byte of the document
     * @param fcpMs  First Contentful Paint
     * @param lcpMs  Largest Contentful Paint
     * @param cls    Cumulative Layout Shift (unitless)
     */
    public record PageMetrics(Double ttfbMs, Double fcpMs, Double lcpMs, Double cls) {
    }
}
