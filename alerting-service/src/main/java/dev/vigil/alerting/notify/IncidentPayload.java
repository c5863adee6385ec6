package dev.vigil.alerting.notify;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.json.WireJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monitor and incident parts of an event the notifier writes itself (escalations, reminders), in the shape the
 * evaluator's outbox rows have, so every sender reads them alike.
 */
final class IncidentPayload {

    private IncidentPayload() {
    }

    /** {@code event}, {@code occurredAt}, {@code monitor} and {@code incident} of an open incident. */
    static Map<String, Object> of(JdbcClient jdbc, String event, UUID incidentId, UUID monitorId, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("occurredAt", now.toString());
        payload.put("monitor", jdbc.sql("SELECT id, name, type, check_spec::text AS spec FROM monitors WHERE id = ?")
                .param(monitorId).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject("id", UUID.class).toString());
                    m.put("name", rs.getString("name"));
                    m.put("type", rs.getString("type"));
                    m.put("target", WireJson.read(rs.getString("spec"), CheckSpec.class).target());
                    return m;
                }).single());
        payload.put("incident", jdbc.sql("""
                        SELECT id, monitor_id, kind, status, started_at, cause, regions FROM incidents WHERE id = ?""")
                .param(incidentId).query((rs, n) -> {
                    Map<String, Object> i = new LinkedHashMap<>();
                    i.put("id", rs.getObject("id", UUID.class).toString());
                    i.put("monitorId", rs.getObject("monitor_id", UUID.class).toString());
                    i.put("kind", rs.getString("kind"));
                    i.put("status", rs.getString("status"));
                    i.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
                    i.put("acknowledgedAt", null);
                    i.put("resolvedAt", null);
                    i.put("cause", rs.getString("cause"));
                    i.put("regions", List.of((String[]) rs.getArray("regions").getArray()));
                    return i;
                }).single());
        return payload;
    }
}
