package dev.vigil.api.incident;

import java.time.Instant;
import java.util.UUID;

/** A posted update; {@code author} is the label of who posted it (an email and key), for the workspace only. */
public record IncidentUpdateView(UUID id, String status, String message, String author, Instant createdAt) {
}
