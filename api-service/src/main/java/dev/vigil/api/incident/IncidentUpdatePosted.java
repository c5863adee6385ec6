package dev.vigil.api.incident;

import java.util.UUID;

/** An author told the public something about an incident (published after the update's transaction committed). */
public record IncidentUpdatePosted(UUID workspaceId, UUID incidentId, UUID updateId) {
}
