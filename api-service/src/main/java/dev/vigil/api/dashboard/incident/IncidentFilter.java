package dev.vigil.api.dashboard.incident;

import dev.vigil.api.incident.IncidentView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The incident list's filters, from the query string: {@code state} (open, unacknowledged, acknowledged or empty for
 * any), {@code monitor} (an id of this workspace) and {@code tag} (a tag name). Unknown values match nothing rather
 * than everything, so a stale link shows an empty list, not a misleading full one. The methods the template calls
 * are public (SpEL only calls public methods).
 */
record IncidentFilter(String state, String monitor, String tag) {

    static final List<String> STATES = List.of("open", "unacknowledged", "acknowledged");

    IncidentFilter {
        state = state == null ? "" : state.strip();
        monitor = monitor == null ? "" : monitor.strip();
        tag = tag == null ? "" : tag.strip();
    }

    public boolean matches(IncidentView incident, List<String> tags) {
        boolean open = incident.status().equals("OPEN");
        boolean stateOk = switch (state) {
            case "" -> true;
            case "open" -> open;
            case "unacknowledged" -> open && incident.acknowledgedAt() == null;
            case "acknowledged" -> incident.acknowledgedAt() != null;
            default -> false;
        };
        return stateOk && (monitor.isEmpty()
                || incident.monitorId() != null && monitor.equals(incident.monitorId().toString()))
                && (tag.isEmpty() || tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag)));
    }

    /** Whether resolved incidents can match (the "past" list is only read when they can). */
    public boolean includesResolved() {
        return state.isEmpty() || state.equals("acknowledged");
    }

    /** The filter as a query string ("" or "?state=..."), for the polled fragment. */
    public String query() {
        StringBuilder query = new StringBuilder();
        append(query, "state", state);
        append(query, "monitor", monitor);
        append(query, "tag", tag);
        return query.isEmpty() ? "" : "?" + query;
    }

    public boolean any() {
        return !state.isEmpty() || !monitor.isEmpty() || !tag.isEmpty();
    }

    public boolean isMonitor(UUID id) {
        return monitor.equals(id.toString());
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
