package dev.vigil.api.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A posted update; {@code author} is the label of who posted it (an email and key), for the workspace only;
 * {@code components} the impacts it set on a declared incident.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentUpdateView(UUID id, String status, String message, String author, Instant createdAt,
                                 List<ComponentImpact> components) {
}
