package dev.vigil.api.incident;

import java.util.UUID;

/** Makes a monitor-opened incident part of the declared incident {@code declaredIncidentId}. */
public record LinkIncidentRequest(UUID declaredIncidentId) {
}
