package dev.vigil.api.incident;

import java.util.List;

/**
 * An update as authors post it: {@code status} is investigating, identified, monitoring or resolved; on a declared
 * incident {@code components} changes (or adds) the impact of the components it names.
 */
public record IncidentUpdateRequest(String status, String message, List<ComponentImpact> components) {

    public IncidentUpdateRequest(String status, String message) {
        this(status, message, null);
    }
}
