package dev.vigil.api.monitor;

import java.util.List;
import java.util.UUID;

/**
 * What a bulk action did.
 *
 * @param matched    how many monitors it was applied to
 * @param changed    how many of them it changed (pausing a paused monitor changes nothing)
 * @param monitorIds the monitors it was applied to, oldest first
 */
public record BulkResult(String action, int matched, int changed, List<UUID> monitorIds) {
}
