package dev.vigil.api.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ping endpoints of cron heartbeats against the real database: start, exit codes, the body kept capped, run
 * durations, and the ping history in the API, only for the monitor's own workspace.
 */
@ApiServiceTest
class HeartbeatPingsIT {

    private static final JsonMapper WIRE = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private record Heartbeat(String id, String token) {
    }

    private Heartbeat heartbeat(ApiClient api, Map<String, Object> fields) {
        Map<String, Object> request = new HashMap<>(Map.of("name", "Nightly backup", "type", "HEARTBEAT"));
        request.putAll(fields);
        ApiClient.Response created = api.post("/api/v1/monitors", request);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String url = created.json().get("pingUrl").asString();
        return new Heartbeat(created.json().get("id").asString(), url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void aCronHeartbeatIsStoredWithItsZoneAndAnswersItsDerivedPeriod() {
        ApiClient api = new ApiClient(port).signUp();
        Heartbeat hb = heartbeat(api, Map.of("schedule", "0  3 * * *", "timeZone", "Europe/Berlin",
                "graceSeconds", 600, "maxRunSeconds", 3600));

        JsonNode read = api.get("/api/v1/monitors/" + hb.id()).json();

        assertThat(read.get("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(read.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(read.get("graceSeconds").asInt()).isEqualTo(600);
        assertThat(read.get("maxRunSeconds").asInt()).isEqualTo(3600);
        assertThat(read.get("periodSeconds").asInt()).isEqualTo(86_400);
        assertThat(read.get("intervalSeconds").asInt()).isEqualTo(86_400);
        // What was read can be sent back as it is.
        ApiClient.Response putBack = api.put("/api/v1/monitors/" + hb.id(), WIRE.convertValue(read, Map.class));
        assertThat(putBack.status()).as("%s", putBack).isEqualTo(200);
    }

    @Test
    void badSchedulesAndZonesAreNamedFieldByFieldAndNothingIsCreated() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response response = api.post("/api/v1/monitors", Map.of("name", "x", "type", "HEARTBEAT",
                "schedule", "0 3 * *", "timeZone", "Mars/Olympus", "maxRunSeconds", 5));
        ApiClient.Response badCron = api.post("/api/v1/monitors", Map.of("name", "x", "type", "HEARTBEAT",
                "schedule", "61 3 * * *"));
        ApiClient.Response offset = api.post("/api/v1/monitors", Map.of("name", "x", "type", "HEARTBEAT",
                "schedule", "0 3 * * *", "timeZone", "+02:00"));
        ApiClient.Response zoneWithoutSchedule = api.post("/api/v1/monitors", Map.of("name", "x",
                "type", "HEARTBEAT", "periodSeconds", 3600, "timeZone", "Europe/Berlin"));
        ApiClient.Response onHttp = api.post("/api/v1/monitors", Map.of("name", "x", "type", "HTTP",
                "url", "https://example.com", "schedule", "0 3 * * *"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("timeZone", "maxRunSeconds");
        assertThat(badCron.errorFields()).containsExactly("schedule");
        assertThat(badCron.errorFor("schedule")).contains("5-field cron");
        assertThat(offset.errorFields()).containsExactly("timeZone");
        assertThat(zoneWithoutSchedule.errorFields()).containsExactly("timeZone");
        assertThat(onHttp.errorFields()).containsExactly("schedule");
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isZero();
    }

    @Test
    void startThenExitCodesRecordRunsDurationsAndFailures() throws InterruptedException {
        ApiClient api = new ApiClient(port).signUp();
        Heartbeat hb = heartbeat(api, Map.of("periodSeconds", 3600));
        ApiClient anonymous = new ApiClient(port);

        assertThat(anonymous.get("/ping/" + hb.token() + "/start").status()).isEqualTo(200);
        Thread.sleep(50);
        assertThat(anonymous.send("POST", "/ping/" + hb.token() + "/0", "text/plain", "all good").status())
                .isEqualTo(200);
        assertThat(anonymous.post("/ping/" + hb.token() + "/start").status()).isEqualTo(200);
        assertThat(anonymous.send("POST", "/ping/" + hb.token() + "/3", "text/plain", "disk full\nmore").status())
                .isEqualTo(200);
        // A beat without a start has no duration; exit codes above 255 are no ping URL.
        assertThat(anonymous.get("/ping/" + hb.token()).status()).isEqualTo(200);
        assertThat(anonymous.get("/ping/" + hb.token() + "/256").status()).isEqualTo(404);
        assertThat(anonymous.get("/ping/nosuchtoken123/start").status()).isEqualTo(404);

        List<String> rows = jdbc.sql("""
                        SELECT kind || ':' || coalesce(exit_code::text, '-') || ':' || (duration_ms IS NOT NULL)
                               || ':' || coalesce(body, '')
                        FROM heartbeat_pings WHERE monitor_id = ?::uuid ORDER BY id""")
                .param(hb.id()).query(String.class).list();
        assertThat(rows).containsExactly("START:-:false:", "BEAT:0:true:all good", "START:-:false:",
                "FAIL:3:true:disk full\nmore", "BEAT:-:false:");
        assertThat(jdbc.sql("SELECT duration_ms FROM heartbeat_pings WHERE monitor_id = ?::uuid AND exit_code = 0")
                .param(hb.id()).query(Long.class).single()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aLargeBodyIsKeptCutAt10KbAndMarkedTruncated() {
        ApiClient api = new ApiClient(port).signUp();
        Heartbeat hb = heartbeat(api, Map.of("periodSeconds", 3600));
        // Two-byte characters straddle the cut at 10240 bytes: none may be split.
        String body = "é".repeat(6000);

        assertThat(new ApiClient(port).send("POST", "/ping/" + hb.token() + "/fail", "text/plain; charset=utf-8",
                body).status()).isEqualTo(200);

        JsonNode ping = api.get("/api/v1/monitors/" + hb.id() + "/pings").json().get("items").get(0);
        assertThat(ping.get("bodyTruncated").asBoolean()).isTrue();
        assertThat(ping.get("bodyLength").asInt()).isEqualTo(5120);
        assertThat(ping.get("bodyPreview").asString()).hasSize(200);
        ApiClient.Response full = api.get("/api/v1/monitors/" + hb.id() + "/pings/" + ping.get("id").asLong()
                + "/body");
        assertThat(full.body()).isEqualTo("é".repeat(5120));
        assertThat(full.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void thePingHistoryListsNewestFirstForTheWorkspaceOnly() {
        Tenant tenant = Tenant.create(port);
        Heartbeat hb = heartbeat(tenant.owner(), Map.of("periodSeconds", 3600));
        ApiClient job = new ApiClient(port);
        job.get("/ping/" + hb.token() + "/start");
        job.send("POST", "/ping/" + hb.token() + "/1", "text/plain", "boom");

        JsonNode page = tenant.viewer().get("/api/v1/monitors/" + hb.id() + "/pings?size=10").json();
        ApiClient outsider = new ApiClient(port).signUp();

        assertThat(page.get("total").asInt()).isEqualTo(2);
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("kind").asString()).isEqualTo("FAIL");
        assertThat(newest.get("exitCode").asInt()).isEqualTo(1);
        assertThat(newest.get("durationMs").isNumber()).isTrue();
        assertThat(newest.get("sourceIp").asString()).isEqualTo("127.0.0.1");
        assertThat(newest.get("bodyPreview").asString()).isEqualTo("boom");
        assertThat(page.get("items").get(1).get("kind").asString()).isEqualTo("START");
        assertThat(outsider.get("/api/v1/monitors/" + hb.id() + "/pings").status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/monitors/" + hb.id() + "/pings/" + newest.get("id").asLong() + "/body")
                .status()).isEqualTo(404);
        assertThat(tenant.owner().get("/api/v1/monitors/" + hb.id() + "/pings?size=0").errorFields())
                .containsExactly("size");
    }
}
