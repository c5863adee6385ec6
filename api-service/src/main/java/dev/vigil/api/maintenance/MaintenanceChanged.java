package dev.vigil.api.maintenance;

import java.util.UUID;

/**
 * A maintenance window was created, changed or removed (published after the change's transaction committed).
 *
 * @param created whether the window is new, so subscribers of status pages can be told about it once
 */
public record MaintenanceChanged(UUID workspaceId, UUID windowId, boolean created) {
}
