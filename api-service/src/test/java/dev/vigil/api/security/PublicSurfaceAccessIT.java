package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.EventStream;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The routes outside the keyed API table ({@link ApiEndpoints}) that anyone can reach: every representation of a
 * private status page (the Statuspage v2 documents included) stays shut without its password, heartbeat ping URLs
 * of every kind (start, fail, exit code) need their token, and the MCP server and the dashboard's live stream take
 * neither no key nor, for the stream, an API key in place of a signed-in session.
 */
@ApiServiceTest
class PublicSurfaceAccessIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRepresentationOfAPasswordProtectedPageIsShutWithoutThePassword() {
        Tenant tenant = Tenant.create(port);
        String monitor = tenant.owner().post("/api/v1/monitors", ApiEndpoints.httpMonitor("Checkout backend"))
                .json().get("id").asString();
        ApiClient.Response page = Tenant.require(tenant.owner().post("/api/v1/status-pages", Map.of(
                "slug", "private-" + UUID.randomUUID().toString().substring(0, 8), "title", "Internal status",
                "password", "correct horse battery", "components", List.of(Map.of("name", "Checkout",
                        "monitorId", monitor)))), 201);
        String slug = page.json().get("slug").asString();
        String component = page.json().get("components").get(0).get("id").asString();
        UUID declared = UUID.fromString(Tenant.require(tenant.owner().post("/api/v1/incidents", Map.of(
                "title", "Checkout degraded", "severity", "minor", "message", "Card payments fail for some.",
                "components", List.of(Map.of("componentId", component, "impact", "degraded_performance")))), 201)
                .json().get("id").asString());
        ApiClient anonymous = new ApiClient(port);

        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("", "/history", "/summary.json", "/incidents", "/incidents/" + declared,
                "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json",
                "/api/v2/incidents/unresolved.json", "/api/v2/scheduled-maintenances.json",
                "/api/v2/scheduled-maintenances/upcoming.json", "/api/v2/scheduled-maintenances/active.json",
                "/feed.atom", "/feed.rss", "/widget", "/badge.svg", "/components/" + component + "/status.svg",
                "/components/" + component + "/uptime.svg")) {
            ApiClient.Response response = anonymous.get("/status/" + slug + path);
            soft.assertThat(response.status()).as("%s → %s", path, response).isEqualTo(401);
            soft.assertThat(response.body()).as("%s", path).doesNotContain("Checkout")
                    .doesNotContain(declared.toString());
        }
        soft.assertAll();
    }

    @Test
    void everyKindOfPingNeedsTheMonitorsToken() {
        Tenant tenant = Tenant.create(port);
        ApiClient.Response heartbeat = Tenant.require(tenant.owner().post("/api/v1/monitors", Map.of(
                "name", "Nightly backup", "type", "HEARTBEAT", "schedule", "0 3 * * *", "timeZone", "Europe/Berlin",
                "graceSeconds", 600)), 201);
        String token = heartbeat.json().get("pingUrl").asString().replaceAll(".*/ping/", "");
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        ApiClient anonymous = new ApiClient(port);
        String wrong = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");

        SoftAssertions soft = new SoftAssertions();
        for (String suffix : List.of("", "/fail", "/start", "/0", "/1")) {
            for (String guess : List.of(wrong, "nosuchtoken123", heartbeat.json().get("id").asString())) {
                soft.assertThat(anonymous.get("/ping/" + guess + suffix).status()).as("GET %s%s", guess, suffix)
                        .isEqualTo(404);
                soft.assertThat(anonymous.send("POST", "/ping/" + guess + suffix, "text/plain", "log").status())
                        .as("POST %s%s", guess, suffix).isEqualTo(404);
            }
        }
        soft.assertAll();
        assertThat(jdbc.sql("SELECT count(*) FROM heartbeat_pings WHERE monitor_id = ?")
                .param(UUID.fromString(heartbeat.json().get("id").asString())).query(Long.class).single())
                .isZero();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
        assertThat(anonymous.get("/ping/" + token + "/start").status()).isEqualTo(200);
    }

    @Test
    void theMcpServerAndTheLiveStreamRefuseStrangers() throws Exception {
        Tenant tenant = Tenant.create(port);
        String list = """
                {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""";
        for (ApiClient stranger : List.of(tenant.owner().anonymous(), tenant.owner().withKey("vgl_" + "A".repeat(32)),
                tenant.owner().withKey(tenant.owner().key() + "x"))) {
            HttpRequest.Builder request = stranger.request("/mcp").header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(list));
            ApiClient.Response response = stranger.send(request);
            assertThat(response.status()).as("%s", stranger.key()).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
        }

        // The dashboard's stream belongs to a signed-in session: an API key (even the owner's) opens nothing.
        ApiClient withKey = tenant.owner();
        ApiClient.Response keyed = withKey.send(withKey.request("/app/events").header("Accept", "text/event-stream")
                .GET());
        assertThat(keyed.status()).isNotEqualTo(200);
        assertThat(keyed.body()).doesNotContain("event:");
        try (EventStream anonymous = new DashboardSession(port).events("/app/events", null)) {
            assertThat(anonymous.status()).isNotEqualTo(200);
        }
    }
}
