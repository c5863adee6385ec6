package dev.vigil.alerting.incident;

import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes incidents, their timeline and the notifications they cause. Every method runs inside the caller's
 * transaction, so an incident change and its outbox row commit together or not at all (transactional outbox). The
 * partial unique index {@code incidents_one_open_per_monitor} is the last guard: an evaluator that somehow raced
 * another into opening a second incident fails, its transaction rolls back, and its retry sees the open one.
 */
@Component
public class IncidentLedger {

    private final JdbcClient jdbc;

    public IncidentLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of an incident's timeline. */
    public record TimelineEntry(String type, String message) {
    }

    public Optional<UUID> openIncidentOf(UUID monitorId) {
        return jdbc.sql("SELECT id FROM incidents WHERE monitor_id = ? AND status = 'OPEN'").param(monitorId)
                .query(UUID.class).optional();
    }

    /** When the monitor's most recent incident was resolved, if it is resolved. */
    public Optional<Instant> lastResolvedAt(UUID monitorId) {
        return jdbc.sql("""
                        SELECT resolved_at FROM incidents WHERE monitor_id = ?
                        ORDER BY started_at DESC LIMIT 1""")
                .param(monitorId).query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(o -> o);
    }

    /** The open incident of each of {@code monitorIds} that has one. */
    public Map<UUID, UUID> openIncidentsOf(Collection<UUID> monitorIds) {
        Map<UUID, UUID> open = new HashMap<>();
        jdbc.sql("SELECT monitor_id, id FROM incidents WHERE monitor_id = ANY(?) AND status = 'OPEN'")
                .param(monitorIds.toArray(UUID[]::new))
                .query(rs -> {
                    open.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        return open;
    }

    /** {@link #lastResolvedAt(UUID)} of each monitor whose most recent incident is resolved. */
    public Map<UUID, Instant> lastResolvedAt(Collection<UUID> monitorIds) {
        Map<UUID, Instant> resolved = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (monitor_id) monitor_id, resolved_at FROM incidents
                        WHERE monitor_id = ANY(?) ORDER BY monitor_id, started_at DESC""")
                .param(monitorIds.toArray(UUID[]::new))
                .query(rs -> {
                    Timestamp at = rs.getTimestamp(2);
                    if (at != null) {
                        resolved.put(rs.getObject(1, UUID.class), at.toInstant());
                    }
                });
        return resolved;
    }

    /** Opens an incident with its first timeline entries and queues {@code incident.opened}. */
    public UUID open(MonitorRef monitor, IncidentKind kind, String cause, List<String> regions, Instant at,
                     List<TimelineEntry> timeline) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(id, monitor.workspaceId(), monitor.id(), kind.name(), Timestamp.from(at),
                        cause == null || cause.isBlank() ? "Unknown failure" : cause, regions.toArray(String[]::new))
                .update();
        timeline.forEach(entry -> note(id, at, entry.type(), entry.message()));
        enqueue(monitor, id, "incident.opened", at);
        return id;
    }

    public void resolve(UUID incidentId, MonitorRef monitor, Instant at, String message) {
        int updated = jdbc.sql("UPDATE incidents SET status = 'RESOLVED', resolved_at = ? WHERE id = ? AND status = 'OPEN'")
                .params(Timestamp.from(at), incidentId).update();
        if (updated > 0) {
            note(incidentId, at, "RESOLVED", message);
            enqueue(monitor, incidentId, "incident.resolved", at);
        }
    }

    /** Reopens the monitor's most recent incident (flapping: one incident rather than a storm). */
    public Optional<UUID> reopenLatest(MonitorRef monitor, Instant at, String message) {
        Optional<UUID> latest = jdbc.sql("""
                        UPDATE incidents SET status = 'OPEN', resolved_at = NULL
                        WHERE id = (SELECT id FROM incidents WHERE monitor_id = ? ORDER BY started_at DESC LIMIT 1)
                          AND status = 'RESOLVED'
                        RETURNING id""")
                .param(monitor.id()).query(UUID.class).optional();
        latest.ifPresent(id -> {
            note(id, at, "REOPENED", message);
            enqueue(monitor, id, "incident.reopened", at);
        });
        return latest;
    }

    public void note(UUID incidentId, Instant at, String type, String message) {
        jdbc.sql("INSERT INTO incident_events (incident_id, at, type, message) VALUES (?, ?, ?, ?)")
                .params(incidentId, Timestamp.from(at), type, message).update();
    }

    /** Queues an event about the monitor itself (monitor.degraded, monitor.restored). */
    public void notifyMonitor(MonitorRef monitor, String event, Instant at, String message) {
        Map<String, Object> payload = envelope(event, at, monitor);
        payload.put("message", message);
        insertOutbox(monitor, null, event, payload);
    }

    private void enqueue(MonitorRef monitor, UUID incidentId, String event, Instant at) {
        Map<String, Object> payload = envelope(event, at, monitor);
        Map<String, Object> incident = incidentView(incidentId);
        if (incident.get("resolvedAt") == null) {
            screenshotOf(monitor.id(), (String) incident.get("startedAt")).ifPresent(s -> incident.put("screenshot", s));
        }
        payload.put("incident", incident);
        insertOutbox(monitor, incidentId, event, payload);
    }

    private void insertOutbox(MonitorRef monitor, UUID incidentId, String event, Map<String, Object> payload) {
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event, payload)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb)""")
                .params(UUID.randomUUID(), monitor.workspaceId(), monitor.id(), incidentId, event,
                        WireJson.write(payload))
                .update();
    }

    private static Map<String, Object> envelope(String event, Instant at, MonitorRef monitor) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("occurredAt", at.toString());
        Map<String, Object> monitorView = new LinkedHashMap<>();
        monitorView.put("id", monitor.id().toString());
        monitorView.put("name", monitor.name());
        monitorView.put("type", monitor.type());
        monitorView.put("target", monitor.target());
        payload.put("monitor", monitorView);
        return payload;
    }

    /**
     * The newest screenshot of a failed browser check of the monitor taken since shortly before the incident started
     * (its first failing round), as paths under the api/dashboard's base URL: senders make them absolute.
     */
    private Optional<Map<String, Object>> screenshotOf(UUID monitorId, String startedAt) {
        if (startedAt == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT job_id FROM check_artifacts
                        WHERE monitor_id = ? AND time >= ?::timestamptz - interval '1 hour'
                          AND (screenshot_png IS NOT NULL OR screenshot_key IS NOT NULL)
                        ORDER BY time DESC LIMIT 1""")
                .params(monitorId, startedAt)
                .query((rs, row) -> {
                    String job = rs.getObject("job_id", UUID.class).toString();
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("resultId", job);
                    view.put("path", "/api/v1/monitors/" + monitorId + "/results/" + job + "/screenshot");
                    view.put("page", "/app/monitors/" + monitorId + "/results/" + job);
                    return view;
                })
                .optional();
    }

    /** The incident as docs/api.md shows it, read back inside the transaction that changed it. */
    private Map<String, Object> incidentView(UUID incidentId) {
        return jdbc.sql("""
                        SELECT id, monitor_id, kind, status, started_at, acknowledged_at, resolved_at, cause, regions
                        FROM incidents WHERE id = ?""")
                .param(incidentId)
                .query((rs, row) -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", rs.getObject("id", UUID.class).toString());
                    view.put("monitorId", rs.getObject("monitor_id", UUID.class).toString());
                    view.put("kind", rs.getString("kind"));
                    view.put("status", rs.getString("status"));
                    view.put("startedAt", instant(rs.getTimestamp("started_at")));
                    view.put("acknowledgedAt", instant(rs.getTimestamp("acknowledged_at")));
                    view.put("resolvedAt", instant(rs.getTimestamp("resolved_at")));
                    view.put("cause", rs.getString("cause"));
                    view.put("regions", List.of((String[]) rs.getArray("regions").getArray()));
                    return view;
                })
                .single();
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
