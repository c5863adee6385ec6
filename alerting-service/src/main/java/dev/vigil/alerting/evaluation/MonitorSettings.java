package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.check.CheckSpec;
import java.util.List;
import java.util.UUID;

/**
 * A monitor's settings as the evaluator needs them, read from {@code monitors} at each evaluation (results carry only
 * monitor, round, region and kind: the table is the truth about regions and confirmations).
 */
record MonitorSettings(UUID id, UUID workspaceId, String name, CheckSpec check, List<String> regions,
                       int confirmations, int timeoutMs, int intervalSeconds, Integer degradedAboveMs,
                       boolean paused) {

    MonitorSettings {
        regions = List.copyOf(regions);
    }

    /** These settings with {@code regions} in place of the monitor's (those able to run it). */
    MonitorSettings withRegions(List<String> regions) {
        return new MonitorSettings(id, workspaceId, name, check, regions, confirmations, timeoutMs, intervalSeconds,
                degradedAboveMs, paused);
    }

    MonitorRef ref() {
        return new MonitorRef(id, workspaceId, name, check.type().name(), check.target());
    }
}
