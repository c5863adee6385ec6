package dev.vigil.api.channel;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the delivery log the alerting service's dispatcher writes, per channel and per incident, newest first, with
 * each delivery's attempts; scoped by the caller's workspace (another workspace's channel or incident is not found).
 */
@Service
public class DeliveryLog {

    private static final int MAX_LIMIT = 500;
    private static final String COLUMNS = """
            d.id, d.channel_id, d.event, d.incident_id, d.monitor_id, d.status, d.attempts, d.response_code,
            d.last_error, d.reason, d.created_at, d.delivered_at, d.next_attempt_at""";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One delivery of one event to one channel.
     *
     * @param id            the delivery id receivers see ({@code X-Vigil-Delivery}), stable across retries
     * @param channelId     null for an email to the on-call person of an escalation level
     * @param status        PENDING, SENDING, DELIVERED, FAILED (gave up) or SUPPRESSED (noise control; see reason)
     * @param nextAttemptAt when the next attempt is due, while not delivered or given up
     */
    public record DeliveryView(String id, String channelId, String event, String incidentId, String monitorId,
                        String status, int attempts, Integer responseCode, String lastError, String reason,
                        Instant createdAt, Instant deliveredAt, Instant nextAttemptAt, List<AttemptView> attemptLog) {

        DeliveryView withAttempts(List<AttemptView> log) {
            return new DeliveryView(id, channelId, event, incidentId, monitorId, status, attempts, responseCode,
                    lastError, reason, createdAt, deliveredAt, nextAttemptAt, log);
        }
    }

    /**
     * One attempt of a delivery.
     *
     * @param outcome SENDING (in flight), DELIVERED, FAILED, or ABANDONED (its sender died before recording it; the
     *                delivery was sent again with the same id)
     */
    public record AttemptView(int attempt, Instant startedAt, Instant finishedAt, String outcome, Integer responseCode,
                       String error) {
    }

    public record DeliveryList(List<DeliveryView> items) {
    }

    /** A channel's deliveries, newest first; {@code limit} 1 to 500. */
    @Transactional(readOnly = true)
    public DeliveryList ofChannel(ApiPrincipal caller, UUID id, int limit) {
        check(limit);
        exists("alert_channels", "alert channel", id, caller);
        return withAttempts(jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification_deliveries d WHERE d.channel_id = ? AND d.workspace_id = ?
                        ORDER BY d.created_at DESC, d.id LIMIT ?""")
                .params(id, caller.workspaceId(), limit).query(DeliveryLog::view).list());
    }

    /** Every delivery of an incident's notifications, newest first; {@code limit} 1 to 500. */
    @Transactional(readOnly = true)
    public DeliveryList ofIncident(ApiPrincipal caller, UUID id, int limit) {
        check(limit);
        exists("incidents", "incident", id, caller);
        return withAttempts(jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification_deliveries d WHERE d.incident_id = ? AND d.workspace_id = ?
                        ORDER BY d.created_at DESC, d.id LIMIT ?""")
                .params(id, caller.workspaceId(), limit).query(DeliveryLog::view).list());
    }

    /** Adds every delivery's attempts, read in one query for the page. */
    private DeliveryList withAttempts(List<DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return new DeliveryList(deliveries);
        }
        Map<String, List<AttemptView>> attempts = new HashMap<>();
        jdbc.sql("""
                        SELECT delivery_id, attempt, started_at, finished_at, outcome, response_code, error
                        FROM delivery_attempts WHERE delivery_id IN (:ids) ORDER BY delivery_id, attempt""")
                .param("ids", deliveries.stream().map(d -> UUID.fromString(d.id())).toList())
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getObject("delivery_id", UUID.class).toString(),
                            k -> new ArrayList<>()).add(new AttemptView(rs.getInt("attempt"),
                            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                            rs.getString("outcome"), (Integer) rs.getObject("response_code"), rs.getString("error")));
                });
        return new DeliveryList(deliveries.stream()
                .map(d -> d.withAttempts(attempts.getOrDefault(d.id(), List.of()))).toList());
    }

    private static void check(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    private void exists(String table, String what, UUID id, ApiPrincipal caller) {
        boolean found = jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ? AND workspace_id = ?)")
                .params(id, caller.workspaceId()).query(Boolean.class).single();
        if (!found) {
            throw new NotFoundException(what);
        }
    }

    private static DeliveryView view(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        boolean open = status.equals("PENDING") || status.equals("SENDING");
        return new DeliveryView(rs.getObject("id", UUID.class).toString(),
                string(rs.getObject("channel_id", UUID.class)), rs.getString("event"),
                string(rs.getObject("incident_id", UUID.class)), string(rs.getObject("monitor_id", UUID.class)),
                status, rs.getInt("attempts"), (Integer) rs.getObject("response_code"), rs.getString("last_error"),
                rs.getString("reason"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("delivered_at")), open ? instant(rs.getTimestamp("next_attempt_at")) : null,
                List.of());
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
