package dev.vigil.alerting.evaluation;

import java.time.Duration;

/**
 * A monitor's noise settings with the deployment's filled in where it has none: what the judge and the state machine
 * apply to it.
 *
 * @param failuresInRow   failed rounds in a row in a region before that region's failure counts (opens the question
 *                        other regions are asked to confirm)
 * @param recoveryRounds  passing rounds in a row that make a DOWN monitor UP again
 * @param flapDetection   whether flapping is detected at all
 * @param flapTransitions up/down changes within {@code flapWindow} that make the monitor flapping
 * @param flapWindow      the window the changes are counted in: the monitor's own window in rounds times its
 *                        interval, or the deployment's duration
 * @param flapWindowText  the window in words, for alerts and the incident timeline
 */
record NoiseRules(int failuresInRow, int recoveryRounds, boolean flapDetection, int flapTransitions,
                  Duration flapWindow, String flapWindowText) {

    /** The deployment's settings alone (a monitor without any of its own). */
    static NoiseRules of(EvaluationProperties deployment) {
        return new NoiseRules(deployment.failuresInRow(), deployment.recoveryRounds(), deployment.flapDetection(),
                deployment.flapThreshold(), deployment.flapWindow(), minutes(deployment.flapWindow()));
    }

    static NoiseRules of(MonitorSettings monitor, EvaluationProperties deployment) {
        MonitorSettings.Noise own = monitor.noise();
        Integer rounds = own.flapWindowRounds();
        return new NoiseRules(
                own.failuresInRow() != null ? own.failuresInRow() : deployment.failuresInRow(),
                own.recoveryRounds() != null ? own.recoveryRounds() : deployment.recoveryRounds(),
                own.flapDetection() != null ? own.flapDetection() : deployment.flapDetection(),
                own.flapTransitions() != null ? own.flapTransitions() : deployment.flapThreshold(),
                rounds != null ? Duration.ofSeconds((long) rounds * monitor.intervalSeconds())
                        : deployment.flapWindow(),
                rounds != null ? rounds + " rounds" : minutes(deployment.flapWindow()));
    }

    private static String minutes(Duration window) {
        return window.toMinutes() + " min";
    }
}
