package dev.vigil.api.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A workspace with its personas: the owner who signed up, an ADMIN teammate who joined by the invitation mailed to
 * them (read from {@link TestMail}, so only contexts mailing there can build one), and a
 * read-only VIEWER key made by the owner. Build one per test class or test: tenants never share anything.
 */
public record Tenant(UUID workspaceId, String ownerEmail, ApiClient owner, UUID teammateId, ApiClient teammate,
                     ApiClient viewer) {

    public static Tenant create(int port) {
        ApiClient anonymous = new ApiClient(port);
        String ownerEmail = "owner-" + UUID.randomUUID() + "@example.com";
        JsonNode signup = anonymous.signUpAs(ownerEmail).json();
        ApiClient owner = anonymous.withKey(signup.get("apiKey").asString());
        UUID workspaceId = UUID.fromString(signup.get("workspaceId").asString());

        String teammateEmail = "teammate-" + UUID.randomUUID() + "@example.com";
        require(owner.post("/api/v1/members", Map.of("email", teammateEmail, "role", "ADMIN")), 201);
        // The teammate accepts the invitation mailed to them, with the token of its link.
        JsonNode accepted = require(anonymous.post("/api/v1/invitations/accept", Map.of(
                "token", TestMail.token(teammateEmail, "/invitation"),
                "password", "the teammate's password")), 201).json();
        ApiClient teammate = anonymous.withKey(accepted.get("apiKey").asString());
        UUID teammateId = UUID.fromString(owner.get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(teammateEmail)).findFirst().orElseThrow()
                .get("userId").asString());

        JsonNode viewerKey = require(owner.post("/api/v1/api-keys", Map.of("name", "read only", "role", "VIEWER")),
                201).json();
        return new Tenant(workspaceId, ownerEmail, owner, teammateId, teammate,
                anonymous.withKey(viewerKey.get("key").asString()));
    }

    /** An alert channel of this workspace. Its API comes with a later issue, so the row is written directly. */
    public UUID addAlertChannel(JdbcClient jdbc, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO alert_channels (id, workspace_id, name, type) VALUES (?, ?, ?, 'EMAIL')")
                .params(id, workspaceId, name).update();
        return id;
    }

    /** An open incident of one of the workspace's monitors, as the alerting service would have opened it. */
    public UUID addOpenIncident(JdbcClient jdbc, UUID monitorId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, 'DOWN', 'OPEN', now() - interval '5 minutes', 'HTTP status 503',
                                '{local-a,local-b}')""")
                .params(id, workspaceId, monitorId).update();
        return id;
    }

    /**
     * A failed browser-check result of the monitor with what the probe saw (a screenshot and the page's HTML), as the
     * alerting service would have stored it; answers its job id.
     */
    public UUID addBrowserResult(JdbcClient jdbc, UUID monitorId) {
        UUID job = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, error, message)
                        VALUES (now() - interval '1 minute', ?, ?, ?, ?, 'local-a', 'SCHEDULED',
                                now() - interval '1 minute', false, 812, 'ASSERTION', 'text "Welcome" not found')""")
                .params(job, UUID.randomUUID(), monitorId, workspaceId).update();
        jdbc.sql("""
                        INSERT INTO check_artifacts (job_id, monitor_id, workspace_id, time, region, failed_step,
                                                     screenshot_png, html)
                        VALUES (?, ?, ?, now() - interval '1 minute', 'local-a', 1, ?, '<html><body>Oops</body></html>')""")
                .params(job, monitorId, workspaceId, PNG).update();
        return job;
    }

    /** A PNG's signature and header chunk: the API serves a screenshot's bytes as stored, never decoding them. */
    private static final byte[] PNG = java.util.HexFormat.of().parseHex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");

    public static ApiClient.Response require(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response);
        }
        return response;
    }
}
