package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.check.CheckSpec;
import java.util.List;
import java.util.UUID;

/**
 * A monitor's settings as the evaluator needs them, read from {@code monitors} at each evaluation (results carry only
 * monitor, round, region and kind: the table is the truth about regions and confirmations).
 *
 * @param noise the monitor's own noise settings; each null one is the deployment's (see {@link NoiseRules})
 */
record MonitorSettings(UUID id, UUID workspaceId, String name, CheckSpec check, List<String> regions,
                       int confirmations, int timeoutMs, int intervalSeconds, Integer degradedAboveMs,
                       boolean paused, Noise noise) {

    MonitorSettings {
        regions = List.copyOf(regions);
        noise = noise == null ? Noise.DEPLOYMENT : noise;
    }

    /** A monitor that keeps the deployment's noise settings. */
    MonitorSettings(UUID id, UUID workspaceId, String name, CheckSpec check, List<String> regions, int confirmations,
                    int timeoutMs, int intervalSeconds, Integer degradedAboveMs, boolean paused) {
        this(id, workspaceId, name, check, regions, confirmations, timeoutMs, intervalSeconds, degradedAboveMs, paused,
                Noise.DEPLOYMENT);
    }

    /** The {@code monitors} columns of issue 19, as stored: null = the deployment's value. */
    record Noise(Integer failuresInRow, Integer recoveryRounds, Boolean flapDetection, Integer flapTransitions,
                 Integer flapWindowRounds) {

        static final Noise DEPLOYMENT = new Noise(null, null, null, null, null);
    }

    /** These settings with {@code regions} in place of the monitor's (those able to run it). */
    MonitorSettings withRegions(List<String> regions) {
        return new MonitorSettings(id, workspaceId, name, check, regions, confirmations, timeoutMs, intervalSeconds,
                degradedAboveMs, paused, noise);
    }

    MonitorRef ref() {
        return new MonitorRef(id, workspaceId, name, check.type().name(), check.target());
    }
}
