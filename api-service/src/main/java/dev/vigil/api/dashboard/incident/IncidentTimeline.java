package dev.vigil.api.dashboard.incident;

import dev.vigil.api.incident.IncidentView;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One incident's whole story in time order: its own events (opened, confirmed, acknowledged, resolved), the monitor's
 * check results while it lasted (from a minute before it opened), and the alerts sent for it (deliveries, with their
 * outcome). Results are capped, newest kept, so a day-long outage stays one page.
 */
@Component
class IncidentTimeline {

    static final int MAX_RESULTS = 100;

    private final JdbcClient jdbc;

    IncidentTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One line of the timeline.
     *
     * @param kind  css class: {@code t-opened}, {@code t-resolved}, {@code t-event}, {@code t-result-ok},
     *              {@code t-result-fail}, {@code t-delivery}
     * @param title the short word (the event type, OK/FAIL with region, the delivery's event and status)
     */
    record Entry(Instant at, String kind, String title, String detail) {
    }

    record Timeline(List<Entry> entries, boolean resultsCapped) {
    }

    Timeline of(UUID workspaceId, IncidentView incident, Instant now) {
        Instant from = incident.startedAt().minusSeconds(60);
        Instant to = incident.resolvedAt() == null ? now : incident.resolvedAt().plusSeconds(60);
        List<Entry> entries = new ArrayList<>();
        for (IncidentView.TimelineEntry e : incident.timeline()) {
            String kind = switch (e.type()) {
                case "OPENED", "REOPENED" -> "t-opened";
                case "RESOLVED" -> "t-resolved";
                default -> "t-event";
            };
            entries.add(new Entry(e.at(), kind, e.type(), e.message()));
        }
        List<Entry> results = jdbc.sql("""
                        SELECT time, region, ok, latency_ms, status_code, error FROM check_results
                        WHERE workspace_id = ? AND monitor_id = ? AND time >= ? AND time <= ?
                        ORDER BY time DESC LIMIT ?""")
                .params(workspaceId, incident.monitorId(), Timestamp.from(from), Timestamp.from(to), MAX_RESULTS + 1)
                .query((rs, row) -> {
                    boolean ok = rs.getBoolean("ok");
                    Number latency = (Number) rs.getObject("latency_ms");
                    Number code = (Number) rs.getObject("status_code"); // smallint
                    String error = rs.getString("error");
                    String detail = (latency == null ? "" : latency + " ms")
                            + (code == null ? "" : " · HTTP " + code)
                            + (error == null ? "" : " · " + error);
                    return new Entry(rs.getTimestamp("time").toInstant(), ok ? "t-result-ok" : "t-result-fail",
                            (ok ? "Check OK" : "Check failed") + " (" + rs.getString("region") + ")",
                            detail.startsWith(" · ") ? detail.substring(3) : detail);
                })
                .list();
        boolean capped = results.size() > MAX_RESULTS;
        entries.addAll(capped ? results.subList(0, MAX_RESULTS) : results);
        entries.addAll(jdbc.sql("""
                        SELECT d.created_at, d.delivered_at, d.event, d.status, d.response_code, d.last_error,
                               d.recipient, c.name AS channel, c.type AS channel_type
                        FROM notification_deliveries d
                        LEFT JOIN alert_channels c ON c.id = d.channel_id AND c.workspace_id = d.workspace_id
                        WHERE d.workspace_id = ? AND d.incident_id = ?
                        ORDER BY d.created_at""")
                .params(workspaceId, incident.id())
                .query((rs, row) -> {
                    String target = rs.getString("channel") != null
                            ? rs.getString("channel") + " (" + rs.getString("channel_type") + ")"
                            : rs.getString("recipient");
                    Number code = (Number) rs.getObject("response_code");
                    String error = rs.getString("last_error");
                    Timestamp delivered = rs.getTimestamp("delivered_at");
                    return new Entry(delivered != null ? delivered.toInstant() : rs.getTimestamp("created_at").toInstant(),
                            "t-delivery", "Alert " + rs.getString("event") + " " + rs.getString("status"),
                            "to " + target + (code == null ? "" : " · " + code) + (error == null ? "" : " · " + error));
                })
                .list());
        entries.sort(Comparator.comparing(Entry::at));
        return new Timeline(entries, capped);
    }
}
