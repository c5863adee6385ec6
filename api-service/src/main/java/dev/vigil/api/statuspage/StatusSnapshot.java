package dev.vigil.api.statuspage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Everything a public status page shows, read from the database once and then served from memory (see
 * {@link StatusPageCache}) in every representation: HTML, summary.json, Atom, badges. Statuses use the Statuspage
 * vocabulary of docs/api.md.
 */
record StatusSnapshot(Page page, Instant updatedAt, String indicator, String description, List<Group> groups,
                      List<Component> components, List<Incident> activeIncidents, List<Incident> pastIncidents,
                      List<Maintenance> maintenances) {

    /** The page's settings, with what the access check needs (never rendered). */
    public record Page(UUID id, UUID workspaceId, String slug, String title, String description,
                       String logoUrl, String customDomain, String passwordHash, List<String> allowedIps,
                       String language) {

        public boolean isPrivate() {
            return passwordHash != null || !allowedIps.isEmpty();
        }
    }

    public record Group(String name, List<Component> components) {
    }

    /**
     * @param status    operational | degraded_performance | partial_outage | major_outage | under_maintenance
     * @param uptime90d percent over the last 90 days, null before the monitor's first evaluation
     */
    public record Component(UUID id, UUID monitorId, String name, String group, String status,
                            Double uptime90d, List<Day> days) {

        public String statusLabel() {
            return StatusSnapshot.label(status);
        }
    }

    /**
     * One bar of the 90-day history.
     *
     * @param uptime    percent of the monitored time the monitor was up, null without data
     * @param incidents the incidents that started that day, named for the tooltip ("Checkout outage 14:02–14:20 UTC")
     */
    public record Day(LocalDate date, Double uptime, List<String> incidents) {

        /** The bar's colour class: none, ok, minor, major. */
        public String level() {
            if (uptime == null) {
                return "none";
            }
            return uptime >= 99.9 && incidents.isEmpty() ? "ok" : uptime >= 99.0 ? "minor" : "major";
        }

        /** The bar's tooltip: the day, its uptime and the incidents that started that day, by name. */
        public String tooltip() {
            String text = date + ": " + (uptime == null ? "no data" : String.format(java.util.Locale.ROOT,
                    "%.2f%% uptime", uptime));
            return incidents.isEmpty() ? text : text + "\n" + String.join("\n", incidents);
        }
    }

    /**
     * @param status   investigating | identified | monitoring | resolved (the latest update's, else from the incident)
     * @param impact   minor | major | critical (a declared incident's severity; monitor-opened ones are major)
     * @param affected the page's components it affects, with their status as this incident has them
     * @param declared whether a person declared it (else a monitor opened it)
     */
    public record Incident(UUID id, String name, String status, String impact, Instant startedAt,
                           Instant resolvedAt, List<String> components, List<Update> updates,
                           List<Affected> affected, boolean declared) {

        public String statusLabel() {
            return StatusSnapshot.label(status);
        }
    }

    /** A component an incident affects: its status while affected (operational once recovered). */
    public record Affected(UUID componentId, String name, String status) {

        public String statusLabel() {
            return StatusSnapshot.label(status);
        }
    }

    public record Update(String status, String message, Instant createdAt, UUID id) {

        public String statusLabel() {
            return StatusSnapshot.label(status);
        }
    }

    /** @param status scheduled | in_progress */
    public record Maintenance(UUID id, String title, String description, String status, Instant startsAt,
                              Instant endsAt, List<String> components) {

        public String statusLabel() {
            return StatusSnapshot.label(status);
        }
    }

    public static String label(String status) {
        return switch (status) {
            case "operational" -> "Operational";
            case "degraded_performance" -> "Degraded performance";
            case "major_outage" -> "Major outage";
            case "partial_outage" -> "Partial outage";
            case "under_maintenance" -> "Under maintenance";
            case "in_progress" -> "In progress";
            default -> Character.toUpperCase(status.charAt(0)) + status.substring(1).replace('_', ' ');
        };
    }
}
