package dev.vigil.api.statuspage;

import dev.vigil.api.uptime.UptimeHistories;
import dev.vigil.api.uptime.UptimeHistory;
import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one page's {@link StatusSnapshot}: a handful of queries over monitor states, transitions, incidents, their
 * updates and maintenance windows, never over raw check results. Runs once per page per cache period, not per visit.
 */
@Component
class StatusSnapshotLoader {

    /** How far ahead scheduled maintenance is announced. */
    private static final Duration MAINTENANCE_HORIZON = Duration.ofDays(60);
    /** Occurrences of one recurring window in the range (a daily window over the uptime history and the horizon). */
    private static final int MAX_OCCURRENCES = 400;
    private static final int UPCOMING_OCCURRENCES = 5;

    private final JdbcClient jdbc;
    private final UptimeHistories histories;
    private final DeclaredIncidentLoader declaredIncidents;
    private final Clock clock;

    StatusSnapshotLoader(JdbcClient jdbc, UptimeHistories histories, DeclaredIncidentLoader declaredIncidents,
                         Clock clock) {
        this.jdbc = jdbc;
        this.histories = histories;
        this.declaredIncidents = declaredIncidents;
        this.clock = clock;
    }

    Optional<StatusSnapshot> load(String slug) {
        Optional<StatusSnapshot.Page> found = jdbc.sql("""
                        SELECT id, workspace_id, slug, title, description, logo_url, custom_domain, password_hash,
                               allowed_ips, language
                        FROM status_pages WHERE slug = ?""")
                .param(slug)
                .query((rs, n) -> new StatusSnapshot.Page(rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        rs.getString("description"), rs.getString("logo_url"), rs.getString("custom_domain"),
                        rs.getString("password_hash"), List.of((String[]) rs.getArray("allowed_ips").getArray()),
                        rs.getString("language")))
                .optional();
        return found.map(this::snapshot);
    }

    /** Custom domain to slug, for every page whose domain is verified (a claim alone serves nothing). */
    Map<String, String> customDomains() {
        Map<String, String> domains = new HashMap<>();
        jdbc.sql("SELECT lower(custom_domain) AS domain, slug FROM status_pages WHERE custom_domain IS NOT NULL"
                        + " AND domain_verified_at IS NOT NULL")
                .query(rs -> {
                    domains.put(rs.getString("domain"), rs.getString("slug"));
                });
        return domains;
    }

    private StatusSnapshot snapshot(StatusSnapshot.Page page) {
        Instant now = clock.instant();
        Instant windowStart = DailyUptime.windowStart(now);
        List<Row> rows = jdbc.sql("""
                        SELECT c.id, c.monitor_id, c.name, c.group_name, coalesce(s.status, m.status) AS status
                        FROM status_page_components c
                        JOIN monitors m ON m.id = c.monitor_id
                        LEFT JOIN monitor_states s ON s.monitor_id = c.monitor_id
                        WHERE c.page_id = ? ORDER BY c.position""")
                .param(page.id())
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("monitor_id", UUID.class),
                        rs.getString("name"), rs.getString("group_name"), rs.getString("status")))
                .list();
        List<UUID> monitors = rows.stream().map(Row::monitorId).distinct().toList();
        Map<UUID, String> names = new HashMap<>();
        rows.forEach(r -> names.putIfAbsent(r.monitorId(), r.name()));

        List<Window> windows = windows(monitors, windowStart, now.plus(MAINTENANCE_HORIZON));
        List<IncidentRow> incidents = incidents(monitors, windowStart);
        Map<UUID, UptimeHistory> uptimes = histories.of(monitors, windowStart, now);
        List<DeclaredIncidentLoader.Declared> declared = declaredIncidents.load(page.id(), page.workspaceId(),
                windowStart, null);
        // What open declared incidents say of each component; the worst wins.
        Map<UUID, String> declaredImpact = new HashMap<>();
        declared.stream().filter(d -> d.resolvedAt() == null).flatMap(d -> d.affected().stream())
                .forEach(a -> declaredImpact.merge(a.componentId(), a.status(), StatusSnapshotLoader::worse));

        List<StatusSnapshot.Component> components = new ArrayList<>();
        for (Row row : rows) {
            boolean inMaintenance = windows.stream().anyMatch(w -> w.monitors().contains(row.monitorId())
                    && !now.isBefore(w.startsAt()) && now.isBefore(w.endsAt()));
            Map<LocalDate, List<String>> perDay = new HashMap<>();
            incidents.stream().filter(i -> i.monitorId().equals(row.monitorId()))
                    .forEach(i -> perDay.computeIfAbsent(LocalDate.ofInstant(i.startedAt(), ZoneOffset.UTC),
                            d -> new ArrayList<>()).add(DailyUptime.incidentLabel(row.name(), kindLabel(i.kind()),
                            i.startedAt(), i.resolvedAt())));
            DailyUptime.Result uptime = DailyUptime.compute(uptimes.get(row.monitorId()), perDay, now);
            String status = inMaintenance ? "under_maintenance" : publicStatus(row.status());
            String impact = declaredImpact.get(row.id());
            // A person's word on a component counts even during maintenance: they know something the checks don't.
            if (impact != null && !impact.equals("operational")) {
                status = status.equals("under_maintenance") ? impact : worse(status, impact);
            }
            components.add(new StatusSnapshot.Component(row.id(), row.monitorId(), row.name(), row.group(),
                    status, uptime.total(), uptime.days()));
        }

        List<UUID> incidentIds = new ArrayList<>(incidents.stream().map(IncidentRow::id).toList());
        declared.forEach(d -> incidentIds.add(d.id()));
        Map<UUID, List<StatusSnapshot.Update>> updates = updates(incidentIds);
        java.util.Set<UUID> declaredIds = new java.util.HashSet<>();
        declared.forEach(d -> declaredIds.add(d.id()));
        Map<UUID, UUID> componentOfMonitor = new HashMap<>();
        rows.forEach(r -> componentOfMonitor.putIfAbsent(r.monitorId(), r.id()));
        List<StatusSnapshot.Incident> active = new ArrayList<>();
        List<StatusSnapshot.Incident> past = new ArrayList<>();
        for (DeclaredIncidentLoader.Declared d : declared) {
            List<StatusSnapshot.Update> story = updates.getOrDefault(d.id(), List.of());
            String status = d.resolvedAt() != null ? "resolved"
                    : story.isEmpty() ? "investigating" : story.getLast().status();
            StatusSnapshot.Incident incident = new StatusSnapshot.Incident(d.id(), d.title(), status, d.severity(),
                    d.startedAt(), d.resolvedAt(), d.affected().stream().map(StatusSnapshot.Affected::name).toList(),
                    story.reversed(), List.copyOf(d.affected()), true);
            (d.resolvedAt() == null ? active : past).add(incident);
        }
        for (IncidentRow i : incidents) {
            if (i.declaredIncidentId() != null && declaredIds.contains(i.declaredIncidentId())) {
                continue; // told to the public as part of the declared incident it is linked to
            }
            List<StatusSnapshot.Update> story = updates.getOrDefault(i.id(), List.of());
            String status = !story.isEmpty() ? story.getLast().status()
                    : i.resolvedAt() == null ? "investigating" : "resolved";
            String kind = kindLabel(i.kind());
            String component = names.getOrDefault(i.monitorId(), "Service");
            StatusSnapshot.Incident incident = new StatusSnapshot.Incident(i.id(),
                    i.title() != null ? i.title() : component + " " + kind, status, "major", i.startedAt(),
                    i.resolvedAt(), List.of(component), story.reversed(),
                    List.of(new StatusSnapshot.Affected(componentOfMonitor.get(i.monitorId()), component,
                            i.resolvedAt() == null ? "major_outage" : "operational")), false);
            // An author's "resolved" closes the incident on the page even while the checks still see it open.
            if (i.resolvedAt() == null && !status.equals("resolved")) {
                active.add(incident);
            } else {
                past.add(incident);
            }
        }
        java.util.Comparator<StatusSnapshot.Incident> newestFirst = java.util.Comparator
                .comparing(StatusSnapshot.Incident::startedAt).reversed();
        active.sort(newestFirst);
        past.sort(newestFirst);

        // A recurring window: its running and next few occurrences, not two months of them.
        Map<UUID, Integer> shown = new HashMap<>();
        List<StatusSnapshot.Maintenance> maintenances = windows.stream().filter(w -> w.endsAt().isAfter(now))
                .filter(w -> shown.merge(w.id(), 1, Integer::sum) <= UPCOMING_OCCURRENCES)
                .map(w -> new StatusSnapshot.Maintenance(w.id(), w.title(), w.description(),
                        now.isBefore(w.startsAt()) ? "scheduled" : "in_progress", w.startsAt(), w.endsAt(),
                        w.monitors().stream().filter(names::containsKey).map(names::get).toList()))
                .sorted((a, b) -> a.startsAt().compareTo(b.startsAt()))
                .toList();

        Map<String, List<StatusSnapshot.Component>> grouped = new LinkedHashMap<>();
        for (StatusSnapshot.Component c : components) {
            grouped.computeIfAbsent(c.group() == null ? "" : c.group(), k -> new ArrayList<>()).add(c);
        }
        List<StatusSnapshot.Group> groups = grouped.entrySet().stream()
                .map(e -> new StatusSnapshot.Group(e.getKey(), List.copyOf(e.getValue()))).toList();

        String indicator;
        String description;
        if (components.stream().anyMatch(c -> c.status().equals("major_outage")
                || c.status().equals("partial_outage"))) {
            indicator = "major";
            description = components.stream().allMatch(c -> c.status().equals("major_outage"))
                    ? "Major System Outage" : "Partial System Outage";
        } else if (components.stream().anyMatch(c -> c.status().equals("degraded_performance"))
                || !active.isEmpty()) {
            indicator = "minor";
            description = "Minor Service Disruption";
        } else if (components.stream().anyMatch(c -> c.status().equals("under_maintenance"))) {
            indicator = "none";
            description = "Service Under Maintenance";
        } else {
            indicator = "none";
            description = "All Systems Operational";
        }
        // The last change of anything shown, not the time of loading: equal data renders equal bytes (and ETags).
        Instant updatedAt = jdbc.sql("SELECT updated_at FROM status_pages WHERE id = ?").param(page.id())
                .query(Timestamp.class).single().toInstant();
        for (UptimeHistory history : uptimes.values()) {
            updatedAt = later(updatedAt, history.lastTransition());
        }
        for (IncidentRow i : incidents) {
            updatedAt = later(later(updatedAt, i.startedAt()), i.resolvedAt());
        }
        for (DeclaredIncidentLoader.Declared d : declared) {
            updatedAt = later(later(updatedAt, d.startedAt()), d.resolvedAt());
        }
        for (List<StatusSnapshot.Update> list : updates.values()) {
            updatedAt = later(updatedAt, list.getLast().createdAt());
        }
        for (Window w : windows) {
            updatedAt = later(updatedAt, w.startsAt().isBefore(now) ? w.startsAt() : null);
            updatedAt = later(updatedAt, w.endsAt().isBefore(now) ? w.endsAt() : null);
        }
        return new StatusSnapshot(page, updatedAt, indicator, description, groups, List.copyOf(components),
                List.copyOf(active), List.copyOf(past), maintenances);
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static final List<String> SEVERITY = List.of("operational", "degraded_performance", "partial_outage",
            "major_outage");

    /** The worse of two component statuses (under_maintenance ranks with operational). */
    static String worse(String a, String b) {
        return SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a;
    }

    private static String publicStatus(String status) {
        return switch (status) {
            case "DOWN" -> "major_outage";
            case "DEGRADED" -> "degraded_performance";
            default -> "operational";
        };
    }

    private List<Window> windows(List<UUID> monitors, Instant from, Instant until) {
        if (monitors.isEmpty()) {
            return List.of();
        }
        Map<UUID, Window> windows = new LinkedHashMap<>();
        Map<UUID, String[]> rules = new HashMap<>();
        jdbc.sql("""
                        SELECT w.id, w.title, w.description, w.starts_at, w.ends_at, w.recurrence, w.time_zone,
                               l.monitor_id
                        FROM maintenance_windows w JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE l.monitor_id IN (:ids) AND w.starts_at < :until
                          AND CASE WHEN w.recurrence IS NULL THEN w.ends_at > :from
                                   ELSE w.series_ends_at IS NULL OR w.series_ends_at > :from END
                        ORDER BY w.starts_at, w.id""")
                .param("ids", monitors).param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .query(rs -> {
                    windows.computeIfAbsent(rs.getObject("id", UUID.class), id -> {
                        try {
                            if (rs.getString("recurrence") != null) {
                                rules.put(id, new String[] {rs.getString("recurrence"), rs.getString("time_zone")});
                            }
                            return new Window(id, rs.getString("title"), rs.getString("description"),
                                    rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                                    new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).monitors().add(rs.getObject("monitor_id", UUID.class));
                });
        // A recurring window counts as each of its occurrences in the range (the same id): the page shows the one
        // running and the upcoming ones.
        List<Window> expanded = new ArrayList<>();
        for (Window w : windows.values()) {
            String[] rule = rules.get(w.id());
            if (rule == null) {
                expanded.add(w);
                continue;
            }
            try {
                MaintenanceRecurrence.of(rule[0], rule[1], w.startsAt(), Duration.between(w.startsAt(), w.endsAt()))
                        .between(from, until, MAX_OCCURRENCES)
                        .forEach(o -> expanded.add(new Window(w.id(), w.title(), w.description(), o.startsAt(),
                                o.endsAt(), w.monitors())));
            } catch (IllegalArgumentException e) {
                // Validated when stored; a rule this version cannot read is left off the page.
            }
        }
        expanded.sort(Comparator.comparing(Window::startsAt));
        return List.copyOf(expanded);
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "HEARTBEAT_MISSED" -> "missed heartbeat";
            case "HEARTBEAT_FAILED" -> "failing job";
            default -> "outage";
        };
    }

    private List<IncidentRow> incidents(List<UUID> monitors, Instant from) {
        if (monitors.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, monitor_id, kind, started_at, resolved_at, title, declared_incident_id
                        FROM incidents
                        WHERE monitor_id IN (:ids) AND (started_at >= :from OR status = 'OPEN')
                        ORDER BY started_at DESC, id LIMIT 500""")
                .param("ids", monitors).param("from", Timestamp.from(from))
                .query((rs, n) -> new IncidentRow(rs.getObject("id", UUID.class),
                        rs.getObject("monitor_id", UUID.class), rs.getString("kind"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
                        rs.getString("title"), rs.getObject("declared_incident_id", UUID.class)))
                .list();
    }

    private Map<UUID, List<StatusSnapshot.Update>> updates(List<UUID> incidentIds) {
        Map<UUID, List<StatusSnapshot.Update>> updates = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return updates;
        }
        jdbc.sql("""
                        SELECT id, incident_id, status, message, created_at FROM incident_updates
                        WHERE incident_id IN (:ids) ORDER BY created_at, id""")
                .param("ids", incidentIds)
                .query(rs -> {
                    updates.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new StatusSnapshot.Update(rs.getString("status"), rs.getString("message"),
                                    rs.getTimestamp("created_at").toInstant(), rs.getObject("id", UUID.class)));
                });
        return updates;
    }

    private record Row(UUID id, UUID monitorId, String name, String group, String status) {
    }

    private record Window(UUID id, String title, String description, Instant startsAt, Instant endsAt,
                          List<UUID> monitors) {
    }

    private record IncidentRow(UUID id, UUID monitorId, String kind, Instant startedAt, Instant resolvedAt,
                               String title, UUID declaredIncidentId) {
    }
}
