package dev.vigil.api.incident;

/**
 * Changes an incident's {@code title} (any incident; {@code ""} gives a monitor-opened one its generated title back)
 * and {@code severity} (declared incidents only). An absent field is left as it is.
 */
public record EditIncidentRequest(String title, String severity) {
}
