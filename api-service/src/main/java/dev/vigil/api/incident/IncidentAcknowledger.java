package dev.vigil.api.incident;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acknowledges an open incident: the incident, its ACKNOWLEDGED timeline entry and the {@code incident.acknowledged}
 * outbox row commit together. Acknowledging twice changes nothing the second time; a resolved incident cannot be
 * acknowledged.
 */
@Component
public class IncidentAcknowledger {

    public enum Outcome {
        ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, RESOLVED, NOT_FOUND
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IncidentAcknowledger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Outcome acknowledge(ApiPrincipal caller, UUID incidentId) {
        return acknowledge(caller.workspaceId(), incidentId, caller.apiKeyId(), caller.apiKeyId() == null
                ? "Acknowledged in the dashboard by " + caller.label() : "Acknowledged through the API",
                caller.label());
    }

    /**
     * Acknowledges an incident of {@code workspaceId} (another workspace's is NOT_FOUND) on behalf of someone who is
     * not an API caller, e.g. a person pressing Slack's Acknowledge button.
     *
     * @param apiKeyId the key acting, if any
     * @param how      the timeline entry's text: who acknowledged, and where
     */
    @Transactional
    public Outcome acknowledge(UUID workspaceId, UUID incidentId, UUID apiKeyId, String how) {
        return acknowledge(workspaceId, incidentId, apiKeyId, how, how);
    }

    /** As above; {@code who} is kept for the dashboard ("acknowledged by ..."): an email, a key's label, or how. */
    private Outcome acknowledge(UUID workspaceId, UUID incidentId, UUID apiKeyId, String how, String who) {
        // Locks the incident: an evaluator resolving it concurrently waits, so "acknowledged" and "resolved" are
        // each decided on the incident's latest state.
        Optional<String> status = jdbc.sql("""
                        SELECT CASE WHEN status = 'RESOLVED' THEN 'RESOLVED'
                                    WHEN acknowledged_at IS NOT NULL THEN 'ACKNOWLEDGED' ELSE 'OPEN' END
                        FROM incidents WHERE id = ? AND workspace_id = ? FOR UPDATE""")
                .params(incidentId, workspaceId).query(String.class).optional();
        if (status.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (status.get().equals("RESOLVED")) {
            return Outcome.RESOLVED;
        }
        if (status.get().equals("ACKNOWLEDGED")) {
            return Outcome.ALREADY_ACKNOWLEDGED;
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE incidents SET acknowledged_at = ?, acknowledged_by = ?, acknowledged_by_label = ? WHERE id = ?")
                .params(Timestamp.from(now), apiKeyId, who, incidentId).update();
        jdbc.sql("INSERT INTO incident_events (incident_id, at, type, message) VALUES (?, ?, 'ACKNOWLEDGED', ?)")
                .params(incidentId, Timestamp.from(now), how).update();
        IncidentView incident = jdbc.sql("SELECT " + IncidentQueries.COLUMNS + " FROM incidents WHERE id = ?")
                .param(incidentId).query(IncidentQueries::view).single();
        if (incident.declared()) {
            // No monitor, so no alert channel was told it opened: nobody is told it was acknowledged either.
            return Outcome.ACKNOWLEDGED;
        }
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event, payload)
                        VALUES (?, ?, ?, ?, 'incident.acknowledged', ?::jsonb)""")
                .params(UUID.randomUUID(), workspaceId, incident.monitorId(), incidentId,
                        WireJson.write(payload(incident, now)))
                .update();
        return Outcome.ACKNOWLEDGED;
    }

    /** The same envelope the alerting service writes for its incident events. */
    private Map<String, Object> payload(IncidentView incident, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "incident.acknowledged");
        payload.put("occurredAt", now.toString());
        payload.put("monitor", jdbc.sql("SELECT id, name, type, check_spec::text AS spec FROM monitors WHERE id = ?")
                .param(incident.monitorId())
                .query((rs, row) -> {
                    Map<String, Object> monitor = new LinkedHashMap<>();
                    monitor.put("id", rs.getObject("id", UUID.class).toString());
                    monitor.put("name", rs.getString("name"));
                    monitor.put("type", rs.getString("type"));
                    monitor.put("target", WireJson.read(rs.getString("spec"), CheckSpec.class).target());
                    return monitor;
                }).single());
        payload.put("incident", incident);
        return payload;
    }
}
