package dev.vigil.api.incident;

import java.util.List;

/**
 * A person declares an incident: its public title, severity (minor, major, critical), the first update's status
 * (investigating by default) and message, and the components it affects.
 */
public record DeclareIncidentRequest(String title, String severity, String status, String message,
                                     List<ComponentImpact> components) {
}
