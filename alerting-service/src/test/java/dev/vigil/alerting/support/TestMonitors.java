package dev.vigil.alerting.support;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts workspaces and monitors straight into the database (the API that creates them is another service's). */
public final class TestMonitors {

    private final JdbcClient jdbc;

    public TestMonitors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A probed HTTP monitor; returns {@code [workspaceId, monitorId]}. */
    public UUID[] http(List<String> regions, int confirmations, int timeoutMs, int intervalSeconds) {
        UUID workspace = workspace();
        UUID monitor = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations)
                        VALUES (?, ?, 'Test target', 'HTTP',
                                '{"type":"HTTP","url":"http://127.0.0.1:1/health","method":"GET"}'::jsonb, ?, ?, ?, ?)""")
                .params(monitor, workspace, intervalSeconds, timeoutMs, regions.toArray(String[]::new), confirmations)
                .update();
        return new UUID[] {workspace, monitor};
    }

    /** A BROWSER monitor opening one page; returns {@code [workspaceId, monitorId]}. */
    public UUID[] browser(List<String> regions, int confirmations, int timeoutMs, int intervalSeconds) {
        UUID workspace = workspace();
        UUID monitor = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations)
                        VALUES (?, ?, 'Shop sign-in', 'BROWSER',
                                '{"type":"BROWSER","steps":[{"action":"goto","value":"http://127.0.0.1:1/login"}]}'::jsonb,
                                ?, ?, ?, ?)""")
                .params(monitor, workspace, intervalSeconds, timeoutMs, regions.toArray(String[]::new), confirmations)
                .update();
        return new UUID[] {workspace, monitor};
    }

    /** A heartbeat monitor with its ping token; returns {@code [workspaceId, monitorId]}. */
    public UUID[] heartbeat(int periodSeconds, int graceSeconds, String token) {
        UUID workspace = workspace();
        UUID monitor = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, ping_token)
                        VALUES (?, ?, 'Nightly backup', 'HEARTBEAT', ?::jsonb, ?, 1000, '{}', 0, ?)""")
                .params(monitor, workspace, "{\"type\":\"HEARTBEAT\",\"periodSeconds\":" + periodSeconds
                        + ",\"graceSeconds\":" + graceSeconds + "}", periodSeconds, token)
                .update();
        return new UUID[] {workspace, monitor};
    }

    private UUID workspace() {
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Alerting tests')").param(workspace).update();
        return workspace;
    }
}
