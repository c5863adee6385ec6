package dev.vigil.scheduler.round;

import dev.vigil.common.check.CheckSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the scheduler needs of a monitor to make its jobs. */
public record ScheduledMonitor(UUID id, UUID workspaceId, CheckSpec check, int intervalSeconds, int timeoutMs,
                               Integer degradedAboveMs, List<String> regions, int confirmations,
                               Map<String, String> variables) {

    public ScheduledMonitor {
        regions = List.copyOf(regions);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A monitor whose check names no workspace variables. */
    public ScheduledMonitor(UUID id, UUID workspaceId, CheckSpec check, int intervalSeconds, int timeoutMs,
                            Integer degradedAboveMs, List<String> regions, int confirmations) {
        this(id, workspaceId, check, intervalSeconds, timeoutMs, degradedAboveMs, regions, confirmations, Map.of());
    }
}
