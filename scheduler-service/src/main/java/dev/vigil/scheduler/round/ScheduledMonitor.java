package dev.vigil.scheduler.round;

import dev.vigil.common.check.CheckSpec;
import java.util.List;
import java.util.UUID;

/** What the scheduler needs of a monitor to make its jobs. */
public record ScheduledMonitor(UUID id, UUID workspaceId, CheckSpec check, int intervalSeconds, int timeoutMs,
                               Integer degradedAboveMs, List<String> regions, int confirmations) {

    public ScheduledMonitor {
        regions = List.copyOf(regions);
    }
}
