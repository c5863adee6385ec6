package dev.vigil.api.subscription;

import dev.vigil.api.incident.IncidentUpdatePosted;
import dev.vigil.api.maintenance.MaintenanceChanged;
import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues subscriber news the api-service learns of (an incident update an author posted, newly announced maintenance)
 * as outbox rows, in the transaction of the change itself (a listener on the publishing thread): the row commits with
 * the change or not at all, and the alerting service's subscriber fan-out mails and posts it with retries. The rows
 * have no monitor id, so the alert fan-out sends them to no alert channel.
 */
@Component
class SubscriberNotifier {

    private final JdbcClient jdbc;

    SubscriberNotifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(IncidentUpdatePosted posted) {
        Optional<Map<String, Object>> found = jdbc.sql("""
                        SELECT u.status, u.message, u.created_at, i.id AS incident_id, i.monitor_id, i.status AS state,
                               i.started_at, i.resolved_at
                        FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
                        WHERE u.id = ? AND u.workspace_id = ?""")
                .params(posted.updateId(), posted.workspaceId()).query().listOfRows().stream().findFirst();
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> row = found.get();
        Map<String, Object> payload = envelope("status.incident-update", (Timestamp) row.get("created_at"));
        if (row.get("monitor_id") != null) {
            payload.put("monitor", Map.of("id", row.get("monitor_id").toString()));
        } else {
            // A declared incident has no monitor: it names the status page components it affects (kept after it
            // resolves, at impact operational), whose pages' subscribers hear it.
            List<String> components = jdbc.sql("""
                            SELECT c.component_id::text FROM incident_components c
                            JOIN incidents i ON i.id = c.incident_id
                            WHERE c.incident_id = ? AND i.workspace_id = ? ORDER BY c.component_id""")
                    .params(row.get("incident_id"), posted.workspaceId()).query(String.class).list();
            if (components.isEmpty()) {
                return;
            }
            payload.put("componentIds", components);
        }
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", row.get("incident_id").toString());
        incident.put("status", row.get("state"));
        incident.put("startedAt", instant(row.get("started_at")));
        incident.put("resolvedAt", instant(row.get("resolved_at")));
        payload.put("incident", incident);
        payload.put("update", Map.of("status", row.get("status"), "message", row.get("message")));
        queue(posted.workspaceId(), (UUID) row.get("incident_id"), "status.incident-update", payload);
    }

    @EventListener
    void on(MaintenanceChanged changed) {
        if (!changed.created()) {
            return;
        }
        List<Map<String, Object>> window = jdbc.sql("""
                        SELECT id, title, description, starts_at, ends_at FROM maintenance_windows
                        WHERE id = ? AND workspace_id = ?""")
                .params(changed.windowId(), changed.workspaceId()).query().listOfRows();
        if (window.isEmpty()) {
            return;
        }
        List<String> monitors = jdbc.sql("SELECT monitor_id::text FROM maintenance_window_monitors WHERE window_id = ?")
                .param(changed.windowId()).query(String.class).list();
        Map<String, Object> w = window.getFirst();
        Map<String, Object> payload = envelope("status.maintenance-scheduled", null);
        Map<String, Object> maintenance = new LinkedHashMap<>();
        maintenance.put("id", w.get("id").toString());
        maintenance.put("title", w.get("title"));
        maintenance.put("description", w.get("description"));
        maintenance.put("startsAt", instant(w.get("starts_at")));
        maintenance.put("endsAt", instant(w.get("ends_at")));
        maintenance.put("monitorIds", monitors);
        payload.put("maintenance", maintenance);
        queue(changed.workspaceId(), null, "status.maintenance-scheduled", payload);
    }

    private static Map<String, Object> envelope(String event, Timestamp at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        if (at != null) {
            payload.put("occurredAt", at.toInstant().toString());
        }
        return payload;
    }

    private void queue(UUID workspaceId, UUID incidentId, String event, Map<String, Object> payload) {
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, incident_id, event, payload)
                        VALUES (?, ?, ?, ?, ?::jsonb)""")
                .params(UUID.randomUUID(), workspaceId, incidentId, event, WireJson.write(payload)).update();
    }

    private static String instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant().toString();
    }
}
