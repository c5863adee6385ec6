package dev.vigil.api.maintenance;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes a workspace's maintenance windows, each change in one transaction with its audit entry. Every
 * query is scoped by the caller's workspace, so another workspace's window is simply not found.
 */
@Component
public class MaintenanceWindows {

    private static final String COLUMNS =
            "id, title, description, starts_at, ends_at, created_at, recurrence, time_zone, checks";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MaintenanceWindows(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    List<MaintenanceView> list(UUID workspaceId, boolean includeCompleted, int limit) {
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS
                        + " FROM maintenance_windows WHERE workspace_id = :workspace"
                        + (includeCompleted ? "" : " AND (ends_at > :now OR (recurrence IS NOT NULL"
                                + " AND (series_ends_at IS NULL OR series_ends_at > :now)))")
                        + " ORDER BY starts_at DESC, id LIMIT :limit")
                .param("workspace", workspaceId).param("now", Timestamp.from(clock.instant())).param("limit", limit)
                .query(MaintenanceWindows::row).list();
        return views(rows);
    }

    Optional<MaintenanceView> find(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM maintenance_windows WHERE id = ? AND workspace_id = ?")
                .params(id, workspaceId).query(MaintenanceWindows::row).optional()
                .map(row -> views(List.of(row)).getFirst());
    }

    @Transactional
    public MaintenanceView create(ApiPrincipal caller, MaintenanceRequest request) {
        MaintenanceRules.ValidWindow window = MaintenanceRules.validate(request,
                ids -> notInWorkspace(caller.workspaceId(), ids));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO maintenance_windows (id, workspace_id, title, description, starts_at, ends_at,
                                                         created_at, recurrence, time_zone, series_ends_at, checks)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caller.workspaceId(), window.title(), window.description(),
                        Timestamp.from(window.startsAt()), Timestamp.from(window.endsAt()),
                        Timestamp.from(clock.instant()), window.recurrence(), window.timeZone(),
                        timestamp(window.seriesEndsAt()), window.checks())
                .update();
        link(id, window.monitorIds());
        audit.record(caller.workspaceId(), Actor.of(caller), "maintenance.created", "MAINTENANCE", id,
                summary(window));
        events.publishEvent(new MaintenanceChanged(caller.workspaceId(), id, true));
        return find(caller.workspaceId(), id).orElseThrow();
    }

    /** PUT (whole window) and PATCH (the request's non-null fields over the current window) alike. */
    @Transactional
    MaintenanceView update(ApiPrincipal caller, UUID id, MaintenanceRequest request, boolean partial) {
        MaintenanceView current = lockedFind(caller.workspaceId(), id);
        MaintenanceRules.ValidWindow window = MaintenanceRules.validate(partial ? request.over(current) : request,
                ids -> notInWorkspace(caller.workspaceId(), ids));
        jdbc.sql("""
                        UPDATE maintenance_windows SET title = ?, description = ?, starts_at = ?, ends_at = ?,
                                                       recurrence = ?, time_zone = ?, series_ends_at = ?, checks = ?
                        WHERE id = ? AND workspace_id = ?""")
                .params(window.title(), window.description(), Timestamp.from(window.startsAt()),
                        Timestamp.from(window.endsAt()), window.recurrence(), window.timeZone(),
                        timestamp(window.seriesEndsAt()), window.checks(), id, caller.workspaceId())
                .update();
        if (!Set.copyOf(window.monitorIds()).equals(Set.copyOf(current.monitorIds()))) {
            jdbc.sql("DELETE FROM maintenance_window_monitors WHERE window_id = ?").param(id).update();
            link(id, window.monitorIds());
        }
        audit.record(caller.workspaceId(), Actor.of(caller), "maintenance.updated", "MAINTENANCE", id,
                summary(window));
        events.publishEvent(new MaintenanceChanged(caller.workspaceId(), id, false));
        return find(caller.workspaceId(), id).orElseThrow();
    }

    /** Every window of the workspace, completed ones too, newest start first (for an export). */
    public List<MaintenanceView> all(UUID workspaceId) {
        return list(workspaceId, true, 10_000);
    }

    /** PUT: the whole window. */
    @Transactional
    public MaintenanceView replace(ApiPrincipal caller, UUID id, MaintenanceRequest request) {
        return update(caller, id, request, false);
    }

    /** The fields in which {@code request} differs from the stored window, or a 400 when it is invalid. */
    @Transactional(readOnly = true)
    public List<String> differences(ApiPrincipal caller, UUID id, MaintenanceRequest request) {
        MaintenanceRules.ValidWindow window = MaintenanceRules.validate(request,
                ids -> notInWorkspace(caller.workspaceId(), ids));
        MaintenanceView current = find(caller.workspaceId(), id)
                .orElseThrow(() -> new NotFoundException("maintenance window"));
        List<String> changed = new ArrayList<>();
        if (!window.title().equals(current.title())) {
            changed.add("title");
        }
        if (!window.description().equals(current.description() == null ? "" : current.description())) {
            changed.add("description");
        }
        if (!Set.copyOf(window.monitorIds()).equals(Set.copyOf(current.monitorIds()))) {
            changed.add("monitors");
        }
        if (!window.startsAt().equals(current.startsAt())) {
            changed.add("startsAt");
        }
        if (!window.endsAt().equals(current.endsAt())) {
            changed.add("endsAt");
        }
        if (!java.util.Objects.equals(window.recurrence(), current.recurrence())) {
            changed.add("recurrence");
        }
        if (!java.util.Objects.equals(window.timeZone(), current.timeZone())) {
            changed.add("timeZone");
        }
        if (!window.checks().equals(current.checks())) {
            changed.add("checks");
        }
        return changed;
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        MaintenanceView current = lockedFind(caller.workspaceId(), id);
        jdbc.sql("DELETE FROM maintenance_windows WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "maintenance.deleted", "MAINTENANCE", id,
                Map.of("title", current.title()));
        events.publishEvent(new MaintenanceChanged(caller.workspaceId(), id, false));
    }

    private MaintenanceView lockedFind(UUID workspaceId, UUID id) {
        // Locks the window so two concurrent edits of it apply one after the other, each with its own audit entry.
        boolean found = jdbc.sql("SELECT id FROM maintenance_windows WHERE id = ? AND workspace_id = ? FOR UPDATE")
                .params(id, workspaceId).query(UUID.class).optional().isPresent();
        if (!found) {
            throw new NotFoundException("maintenance window");
        }
        return find(workspaceId, id).orElseThrow(() -> new NotFoundException("maintenance window"));
    }

    private List<UUID> notInWorkspace(UUID workspaceId, List<UUID> monitorIds) {
        Set<UUID> found = new HashSet<>(jdbc.sql("SELECT id FROM monitors WHERE workspace_id = :w AND id IN (:ids)")
                .param("w", workspaceId).param("ids", monitorIds).query(UUID.class).list());
        return monitorIds.stream().filter(id -> !found.contains(id)).toList();
    }

    private void link(UUID windowId, List<UUID> monitorIds) {
        for (UUID monitorId : monitorIds) {
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                    .params(windowId, monitorId).update();
        }
    }

    private static Map<String, Object> summary(MaintenanceRules.ValidWindow window) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("title", window.title());
        summary.put("startsAt", window.startsAt().toString());
        summary.put("endsAt", window.endsAt().toString());
        summary.put("monitorIds", window.monitorIds().stream().map(UUID::toString).toList());
        if (window.recurrence() != null) {
            summary.put("recurrence", window.recurrence());
            summary.put("timeZone", window.timeZone());
        }
        summary.put("checks", window.checks());
        return summary;
    }

    private List<MaintenanceView> views(List<Row> rows) {
        Map<UUID, List<UUID>> monitors = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("""
                            SELECT l.window_id, l.monitor_id FROM maintenance_window_monitors l
                            JOIN monitors m ON m.id = l.monitor_id
                            WHERE l.window_id IN (:ids) ORDER BY m.created_at, m.id""")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .query(rs -> {
                        monitors.computeIfAbsent(rs.getObject("window_id", UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject("monitor_id", UUID.class));
                    });
        }
        Instant now = clock.instant();
        return rows.stream().map(r -> {
            MaintenanceView.Timing timing = MaintenanceView.Timing.of(r.startsAt(), r.endsAt(), r.recurrence(),
                    r.timeZone(), now);
            return new MaintenanceView(r.id(), r.title(), r.description(),
                    List.copyOf(monitors.getOrDefault(r.id(), List.of())), r.startsAt(), r.endsAt(), timing.status(),
                    r.createdAt(), r.recurrence(), r.timeZone(), r.checks(), timing.next());
        }).toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("recurrence"), rs.getString("time_zone"),
                rs.getString("checks"));
    }

    private record Row(UUID id, String title, String description, Instant startsAt, Instant endsAt,
                       Instant createdAt, String recurrence, String timeZone, String checks) {
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
