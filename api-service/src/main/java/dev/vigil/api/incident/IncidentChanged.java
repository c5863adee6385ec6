package dev.vigil.api.incident;

import java.util.UUID;

/**
 * An incident was declared, edited, linked, updated or resolved by a person, or its postmortem changed (published
 * after the transaction committed). Status pages showing it refresh; declared incidents' updates are announced only
 * this way, since they have no monitor.
 */
public record IncidentChanged(UUID workspaceId, UUID incidentId) {
}
