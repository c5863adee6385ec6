package dev.vigil.alerting.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.evaluation.*}: the named thresholds of the monitor state machine.
 *
 * @param settle              how long past a round's timeout its last regions may still report; after it, a round
 *                            with only successes is decided without them
 * @param confirmationWindow  how long after a round's first failure other regions may confirm it; unset = twice the
 *                            monitor's timeout plus {@code settle} (a local retry and a confirmation run each take up
 *                            to a timeout)
 * @param failuresInRow       failed rounds in a row in a region before that region's failure counts (default 1: at
 *                            once); a monitor may set its own
 * @param recoveryRounds      successful rounds in a row that end an outage; a monitor may set its own
 * @param degradedRounds      slow rounds in a row that make an UP monitor DEGRADED
 * @param flapDetection       whether flapping is detected; a monitor may set its own
 * @param flapWindow          the window in which up/down flips are counted; a monitor may set its own, in rounds
 * @param flapThreshold       flips within {@code flapWindow} that make a monitor flapping: its incident is then held
 *                            open instead of being resolved, and one alert says so; a monitor may set its own
 * @param reopenWithin        a monitor down again this soon after its incident was resolved reopens that incident
 *                            rather than opening a new one (with flapping detection: one incident, not a storm)
 * @param lookback            how far back a monitor evaluated for the first time looks for rounds
 * @param sweepInterval       how often due monitors are looked for when nothing nudges the evaluator
 * @param batchSize           due monitors claimed per sweep
 * @param concurrency         monitors evaluated at once by this instance (each holds a database connection)
 */
@ConfigurationProperties("vigil.evaluation")
record EvaluationProperties(@DefaultValue("15s") Duration settle, Duration confirmationWindow,
                                   @DefaultValue("1") int failuresInRow,
                                   @DefaultValue("1") int recoveryRounds, @DefaultValue("2") int degradedRounds,
                                   @DefaultValue("true") boolean flapDetection,
                                   @DefaultValue("30m") Duration flapWindow, @DefaultValue("4") int flapThreshold,
                                   @DefaultValue("10m") Duration reopenWithin,
                                   @DefaultValue("1h") Duration lookback, @DefaultValue("1s") Duration sweepInterval,
                                   @DefaultValue("200") int batchSize, @DefaultValue("4") int concurrency) {

    public EvaluationProperties {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("vigil.evaluation.settle must not be negative");
        }
        if (confirmationWindow != null && (confirmationWindow.isNegative() || confirmationWindow.isZero())) {
            throw new IllegalArgumentException("vigil.evaluation.confirmation-window must be positive when set");
        }
        if (failuresInRow < 1 || failuresInRow > 10) {
            throw new IllegalArgumentException("vigil.evaluation.failures-in-row must be between 1 and 10");
        }
        if (recoveryRounds < 1) {
            throw new IllegalArgumentException("vigil.evaluation.recovery-rounds must be at least 1");
        }
        if (degradedRounds < 1) {
            throw new IllegalArgumentException("vigil.evaluation.degraded-rounds must be at least 1");
        }
        if (flapThreshold < 2) {
            throw new IllegalArgumentException("vigil.evaluation.flap-threshold must be at least 2");
        }
        if (flapWindow.isNegative() || reopenWithin.isNegative() || lookback.isNegative() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("vigil.evaluation durations must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("vigil.evaluation.batch-size must be at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("vigil.evaluation.concurrency must be at least 1");
        }
    }

    /** Defaults, for unit tests. */
    public static EvaluationProperties defaults() {
        return new EvaluationProperties(Duration.ofSeconds(15), null, 1, 1, 2, true, Duration.ofMinutes(30), 4,
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(1), 200, 4);
    }
}
