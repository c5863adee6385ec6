package dev.vigil.api.heartbeat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A heartbeat monitor's pings, newest first, for the API and the dashboard. Every query is bound to the caller's
 * workspace through the monitor, so a monitor id of another workspace reads as unknown.
 */
@Component
public class PingHistory {

    /** Characters of the body shown in a list; the whole kept body is one request away. */
    static final int PREVIEW = 200;

    private final JdbcClient jdbc;

    PingHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One ping as listed. {@code durationMs}: the run it ends, measured from its START (null: none). */
    public record Ping(long id, String kind, Instant receivedAt, Long durationMs, Integer exitCode, String sourceIp,
                       String userAgent, String bodyPreview, boolean bodyTruncated, int bodyLength) {
    }

    /** Whether the monitor exists in the workspace and is a heartbeat. */
    public boolean isHeartbeat(UUID workspaceId, UUID monitorId) {
        return jdbc.sql("SELECT count(*) FROM monitors WHERE id = ? AND workspace_id = ? AND type = 'HEARTBEAT'")
                .params(monitorId, workspaceId).query(Integer.class).single() > 0;
    }

    public List<Ping> newest(UUID workspaceId, UUID monitorId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT p.id, p.kind, p.received_at, p.duration_ms, p.exit_code, p.source_ip, p.user_agent,
                               left(p.body, ?) AS preview, p.body_truncated, coalesce(length(p.body), 0) AS body_length
                        FROM heartbeat_pings p JOIN monitors m ON m.id = p.monitor_id
                        WHERE p.monitor_id = ? AND m.workspace_id = ?
                        ORDER BY p.id DESC OFFSET ? LIMIT ?""")
                .params(PREVIEW, monitorId, workspaceId, offset, limit)
                .query(PingHistory::ping).list();
    }

    public long count(UUID workspaceId, UUID monitorId) {
        return jdbc.sql("""
                        SELECT count(*) FROM heartbeat_pings p JOIN monitors m ON m.id = p.monitor_id
                        WHERE p.monitor_id = ? AND m.workspace_id = ?""")
                .params(monitorId, workspaceId).query(Long.class).single();
    }

    /** The whole kept body (the job's log) of one ping; empty when there is no such ping in the workspace. */
    public Optional<String> body(UUID workspaceId, UUID monitorId, long pingId) {
        return jdbc.sql("""
                        SELECT coalesce(p.body, '') FROM heartbeat_pings p JOIN monitors m ON m.id = p.monitor_id
                        WHERE p.id = ? AND p.monitor_id = ? AND m.workspace_id = ?""")
                .params(pingId, monitorId, workspaceId).query(String.class).optional();
    }

    private static Ping ping(ResultSet rs, int row) throws SQLException {
        return new Ping(rs.getLong("id"), rs.getString("kind"), rs.getTimestamp("received_at").toInstant(),
                rs.getObject("duration_ms", Long.class), rs.getObject("exit_code", Integer.class),
                rs.getString("source_ip"), rs.getString("user_agent"), rs.getString("preview"),
                rs.getBoolean("body_truncated"), rs.getInt("body_length"));
    }
}
