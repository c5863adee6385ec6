package dev.vigil.api.statuspage;

import dev.vigil.api.uptime.UptimeHistories;
import dev.vigil.api.uptime.UptimeHistory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    private final JdbcClient jdbc;
    private final UptimeHistories histories;
    private final Clock clock;

    StatusSnapshotLoader(JdbcClient jdbc, UptimeHistories histories, Clock clock) {
        this.jdbc = jdbc;
        this.histories = histories;
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
            components.add(new StatusSnapshot.Component(row.id(), row.monitorId(), row.name(), row.group(),
                    inMaintenance ? "under_maintenance" : publicStatus(row.status()), uptime.total(), uptime.days()));
        }

        Map<UUID, List<StatusSnapshot.Update>> updates = updates(incidents.stream().map(IncidentRow::id).toList());
        List<StatusSnapshot.Incident> active = new ArrayList<>();
        List<StatusSnapshot.Incident> past = new ArrayList<>();
        for (IncidentRow i : incidents) {
            List<StatusSnapshot.Update> story = updates.getOrDefault(i.id(), List.of());
            String status = !story.isEmpty() ? story.getLast().status()
                    : i.resolvedAt() == null ? "investigating" : "resolved";
            String kind = kindLabel(i.kind());
            StatusSnapshot.Incident incident = new StatusSnapshot.Incident(i.id(),
                    names.getOrDefault(i.monitorId(), "Service") + " " + kind, status, "major", i.startedAt(),
                    i.resolvedAt(), List.of(names.getOrDefault(i.monitorId(), "Service")), story.reversed());
            // An author's "resolved" closes the incident on the page even while the checks still see it open.
            if (i.resolvedAt() == null && !status.equals("resolved")) {
                active.add(incident);
            } else {
                past.add(incident);
            }
        }

        List<StatusSnapshot.Maintenance> maintenances = windows.stream().filter(w -> w.endsAt().isAfter(now))
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
        if (components.stream().anyMatch(c -> c.status().equals("major_outage"))) {
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
        jdbc.sql("""
                        SELECT w.id, w.title, w.description, w.starts_at, w.ends_at, l.monitor_id
                        FROM maintenance_windows w JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE l.monitor_id IN (:ids) AND w.ends_at > :from AND w.starts_at < :until
                        ORDER BY w.starts_at, w.id""")
                .param("ids", monitors).param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .query(rs -> {
                    windows.computeIfAbsent(rs.getObject("id", UUID.class), id -> {
                        try {
                            return new Window(id, rs.getString("title"), rs.getString("description"),
                                    rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                                    new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).monitors().add(rs.getObject("monitor_id", UUID.class));
                });
        return List.copyOf(windows.values());
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
                        SELECT id, monitor_id, kind, started_at, resolved_at FROM incidents
                        WHERE monitor_id IN (:ids) AND (started_at >= :from OR status = 'OPEN')
                        ORDER BY started_at DESC, id LIMIT 500""")
                .param("ids", monitors).param("from", Timestamp.from(from))
                .query((rs, n) -> new IncidentRow(rs.getObject("id", UUID.class),
                        rs.getObject("monitor_id", UUID.class), rs.getString("kind"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant()))
                .list();
    }

    private Map<UUID, List<StatusSnapshot.Update>> updates(List<UUID> incidentIds) {
        Map<UUID, List<StatusSnapshot.Update>> updates = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return updates;
        }
        jdbc.sql("""
                        SELECT incident_id, status, message, created_at FROM incident_updates
                        WHERE incident_id IN (:ids) ORDER BY created_at, id""")
                .param("ids", incidentIds)
                .query(rs -> {
                    updates.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new StatusSnapshot.Update(rs.getString("status"), rs.getString("message"),
                                    rs.getTimestamp("created_at").toInstant()));
                });
        return updates;
    }

    private record Row(UUID id, UUID monitorId, String name, String group, String status) {
    }

    private record Window(UUID id, String title, String description, Instant startsAt, Instant endsAt,
                          List<UUID> monitors) {
    }

    private record IncidentRow(UUID id, UUID monitorId, String kind, Instant startedAt, Instant resolvedAt) {
    }
}
