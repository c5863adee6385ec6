package dev.vigil.api.dashboard.incident;

import dev.vigil.api.incident.IncidentView;
import java.util.List;

/**
 * An incident as the dashboard lists it.
 *
 * @param severity       {@code critical} (every region of the monitor failing, or a heartbeat missed or failed) or
 *                       {@code major} (some regions): derived, Vigil has no severity field of its own
 * @param acknowledgedBy who acknowledged, in words (email or API key), or null
 * @param tags           the monitor's tag names
 */
record IncidentRow(IncidentView incident, String monitorName, String severity, String acknowledgedBy,
                   List<String> tags) {
}
