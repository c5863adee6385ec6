package dev.vigil.api.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the API and the dashboard say of BROWSER monitors whose regions' probes have no usable browser (their
 * heartbeats, stored here as the alerting service stores them, do not offer BROWSER): the regions list shows each
 * region's types, the monitor names the regions it is not checked in, and a monitor checked nowhere says so on its page
 * instead of showing a DOWN.
 */
@ApiServiceTest
class BrowserCapabilityApiIT {

    private static final List<Map<String, Object>> STEPS = List.of(
            Map.of("action", "goto", "value", "https://shop.example.com/login"),
            Map.of("action", "assertTitle", "value", "Shop"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void fleet() {
        probe("a-" + suffix, "local-a", "HTTP", "TCP", "BROWSER");
        probe("b-" + suffix, "local-b", "HTTP", "TCP");
    }

    /** The fleet table is shared by every test of this JVM: leave no live probes behind for them. */
    @AfterEach
    void removeFleet() {
        jdbc.sql("DELETE FROM probe_instances WHERE instance_id LIKE ?").param("%-" + suffix).update();
    }

    private void probe(String id, String region, String... types) {
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at,
                                                     monitor_types)
                        VALUES (?, ?, now(), now(), now() + interval '10 minutes', ?)""")
                .params(id, region, types).update();
    }

    private static Map<String, Object> browser(List<String> regions) {
        return Map.of("name", "Shop sign-in", "type", "BROWSER", "intervalSeconds", 300, "timeoutMs", 60_000,
                "regions", regions, "confirmations", 0, "steps", STEPS);
    }

    @Test
    void regionsListWhatTheirLiveProbesRun() {
        ApiClient api = new ApiClient(port).signUp();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode items = api.get("/api/v1/regions").json().path("items");
            assertThat(region(items, "local-a").path("monitorTypes").toString()).contains("\"BROWSER\"");
            assertThat(region(items, "local-b").path("monitorTypes").toString()).contains("\"HTTP\"")
                    .doesNotContain("BROWSER");
            assertThat(region(items, "local-b").path("name").asString()).isNotBlank();
        });
    }

    @Test
    void aBrowserMonitorNamesTheRegionsItIsNotCheckedIn() {
        ApiClient api = new ApiClient(port).signUp();
        ApiClient.Response created = api.post("/api/v1/monitors", browser(List.of("local-a", "local-b")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.get("/api/v1/monitors/" + id)
                .json().path("unavailableIn").toString()).isEqualTo("[\"local-b\"]"));
        // Types every probe runs are never narrowed.
        ApiClient.Response http = api.post("/api/v1/monitors", Map.of("name", "Site", "type", "HTTP",
                "url", "https://shop.example.com/", "regions", List.of("local-a", "local-b")));
        assertThat(http.status()).as(http.body()).isEqualTo(201);
        assertThat(http.json().path("unavailableIn").toString()).isEqualTo("[]");
    }

    @Test
    void aBrowserMonitorCheckedNowhereSaysSoOnItsPageNotDown() {
        DashboardSession dashboard = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(dashboard.signUp("shop-" + suffix + "@example.com"));
        ApiClient.Response created = api.post("/api/v1/monitors", browser(List.of("local-b")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                dashboard.get("/app/monitors/" + id).body()).contains("id=\"no-capable-probe\""));
        String page = dashboard.get("/app/monitors/" + id).body();
        assertThat(page).contains("Not checked:").contains("browser checks")
                .contains("The status stays as it was, not");
        assertThat(api.get("/api/v1/monitors/" + id).json().path("status").asString()).isEqualTo("PENDING");
        assertThat(dashboard.get("/app/monitors").body()).contains("not checked: no probe of its regions can");
    }

    private static JsonNode region(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no region " + id + " in " + items);
    }
}
