package dev.vigil.api.dashboard.maintenance;

import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.maintenance.MaintenanceRequest;
import dev.vigil.api.maintenance.MaintenanceWindows;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance windows of a workspace for the dashboard: the form's rules ({@code datetime-local} times in the person's
 * zone, at least one monitor), then the API's {@link MaintenanceWindows} writes, audits and announces the change.
 */
@Component
class MaintenanceSchedule {

    static final Duration MAX_LENGTH = Duration.ofDays(31);

    /** A window with the names of the monitors it covers; a recurring one with its rule and next occurrence. */
    record Window(UUID id, String title, String description, Instant startsAt, Instant endsAt,
                  List<String> monitors, String phase, String recurrence, String timeZone, String checks,
                  Instant nextStart, Instant nextEnd) {

        static String phase(Instant now, Instant startsAt, Instant endsAt) {
            return now.isBefore(startsAt) ? "UPCOMING" : now.isBefore(endsAt) ? "ACTIVE" : "PAST";
        }
    }

    /** The form's recurrence fields: an RRULE (blank: once), its time zone, and whether checks RUN or PAUSE. */
    record Repeat(String recurrence, String timeZone, String checks) {
    }

    private final JdbcClient jdbc;
    private final MaintenanceWindows windows;
    private final Clock clock;

    MaintenanceSchedule(JdbcClient jdbc, MaintenanceWindows windows, Clock clock) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Window> list(UUID workspaceId) {
        Instant now = clock.instant();
        Map<UUID, List<String>> covered = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT l.window_id, m.name FROM maintenance_window_monitors l
                        JOIN maintenance_windows w ON w.id = l.window_id JOIN monitors m ON m.id = l.monitor_id
                        WHERE w.workspace_id = ? ORDER BY m.name""")
                .param(workspaceId)
                .query((rs, row) -> covered.computeIfAbsent(rs.getObject("window_id", UUID.class),
                        k -> new ArrayList<>()).add(rs.getString("name")))
                .list();
        return jdbc.sql("""
                        SELECT id, title, description, starts_at, ends_at, recurrence, time_zone, checks
                        FROM maintenance_windows
                        WHERE workspace_id = ? ORDER BY starts_at DESC LIMIT 200""")
                .param(workspaceId)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Instant start = rs.getTimestamp("starts_at").toInstant();
                    Instant end = rs.getTimestamp("ends_at").toInstant();
                    String rule = rs.getString("recurrence");
                    String zone = rs.getString("time_zone");
                    String phase = Window.phase(now, start, end);
                    Instant nextStart = null;
                    Instant nextEnd = null;
                    if (rule != null) {
                        List<MaintenanceRecurrence.Occurrence> next = MaintenanceRecurrence.of(rule, zone, start,
                                Duration.between(start, end)).upcoming(now, 1);
                        phase = next.isEmpty() ? "PAST" : next.getFirst().covers(now) ? "ACTIVE" : "UPCOMING";
                        nextStart = next.isEmpty() ? null : next.getFirst().startsAt();
                        nextEnd = next.isEmpty() ? null : next.getFirst().endsAt();
                    }
                    return new Window(id, rs.getString("title"), rs.getString("description"), start, end,
                            covered.getOrDefault(id, List.of()), phase, rule, zone, rs.getString("checks"),
                            nextStart, nextEnd);
                }).list();
    }

    /**
     * Schedules a window, or a 400 naming every invalid field. Times are the form's {@code datetime-local} values,
     * read in the person's zone ({@code times}: where the dashboard shows every time) and stored as instants.
     */
    @Transactional
    UUID schedule(ApiPrincipal caller, DashboardTimes times, String title, String description, String startsAt,
                  String endsAt, List<String> monitorIds, Repeat repeat) {
        boolean recurring = repeat.recurrence() != null && !repeat.recurrence().isBlank();
        FieldProblems problems = new FieldProblems();
        String checkedTitle = problems.requiredLine("title", title, 200);
        String checkedDescription = problems.multiLine("description", description == null ? "" : description,
                10_000);
        Instant start = instant(problems, times, "startsAt", startsAt);
        Instant end = instant(problems, times, "endsAt", endsAt);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                problems.add("endsAt", "endsAt must be after startsAt");
            } else if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
                problems.add("endsAt", "a window lasts at most " + MAX_LENGTH.toDays() + " days");
            }
            // A recurring window may have begun its series in the past; its next occurrences still matter.
            if (!recurring && !end.isAfter(clock.instant())) {
                problems.add("endsAt", "endsAt must be in the future");
            }
        }
        List<UUID> wanted = new ArrayList<>();
        for (String monitorId : monitorIds == null ? List.<String>of() : monitorIds) {
            try {
                UUID parsed = UUID.fromString(monitorId);
                if (!wanted.contains(parsed)) {
                    wanted.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                problems.add("monitorIds", "monitorIds must name monitors of this workspace");
            }
        }
        if (wanted.isEmpty() && !problems.has("monitorIds")) {
            problems.add("monitorIds", "choose at least one monitor");
        } else if (!wanted.isEmpty()) {
            Set<UUID> own = Set.copyOf(jdbc.sql(
                            "SELECT id FROM monitors WHERE workspace_id = ? AND id = ANY(?::uuid[])")
                    .params(caller.workspaceId(), wanted.stream().map(UUID::toString).toArray(String[]::new))
                    .query(UUID.class).list());
            if (own.size() != wanted.size()) {
                problems.add("monitorIds", "monitorIds must name monitors of this workspace");
            }
        }
        problems.throwIfAny();
        // Written through the API's service, so subscribers, status pages and the audit log see the same change.
        return windows.create(caller, new MaintenanceRequest(checkedTitle, checkedDescription, wanted,
                start.toString(), end.toString(), recurring ? repeat.recurrence() : null,
                recurring && !repeat.timeZone().isBlank() ? repeat.timeZone() : null, repeat.checks())).id();
    }

    void delete(ApiPrincipal caller, UUID id) {
        windows.delete(caller, id);
    }

    private static Instant instant(FieldProblems problems, DashboardTimes times, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, field + " is required");
            return null;
        }
        Instant at = times.fromInput(value);
        if (at == null) {
            problems.add(field, field + " must be a date and time such as 2026-12-01T02:00");
        }
        return at;
    }
}
