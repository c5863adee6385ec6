package dev.vigil.api.incident;

/** An update as authors post it: {@code status} is investigating, identified, monitoring or resolved. */
public record IncidentUpdateRequest(String status, String message) {
}
