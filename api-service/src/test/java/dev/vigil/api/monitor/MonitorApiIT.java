package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class MonitorApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> httpMonitor(String url) {
        return Map.of("name", "Homepage", "type", "HTTP", "url", url, "intervalSeconds", 60,
                "regions", List.of("local-a", "local-b"));
    }

    @Test
    void createsAnHttpMonitorAndReadsItBack() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response created = api.post("/api/v1/monitors", httpMonitor("https://example.com/health"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode monitor = created.json();
        assertThat(monitor.get("status").asString()).isEqualTo("PENDING");
        assertThat(monitor.get("method").asString()).isEqualTo("GET");
        assertThat(monitor.get("confirmations").asInt()).isEqualTo(1);
        JsonNode read = api.get("/api/v1/monitors/" + monitor.get("id").asString()).json();
        assertThat(read.get("url").asString()).isEqualTo("https://example.com/health");
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void anotherWorkspacesMonitorIsNotFound() {
        ApiClient owner = new ApiClient(port).signUp();
        ApiClient outsider = new ApiClient(port).signUp();
        String id = owner.post("/api/v1/monitors", httpMonitor("https://example.com")).json().get("id").asString();

        assertThat(outsider.get("/api/v1/monitors/" + id).status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/monitors/" + id + "/results").status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/monitors").json().get("total").asInt()).isZero();
    }

    @Test
    void invalidMonitorsAreRefusedWithEveryProblemNamed() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response response = api.post("/api/v1/monitors", Map.of("name", "", "type", "HTTP",
                "url", "ftp://example.com", "intervalSeconds", 1, "regions", List.of("mars-1")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("name", "url", "intervalSeconds", "regions");
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isZero();
    }

    @Test
    void resultsAreListedNewestFirstWithTheirRegion() {
        ApiClient api = new ApiClient(port).signUp();
        JsonNode monitor = api.post("/api/v1/monitors", httpMonitor("https://example.com")).json();
        UUID monitorId = UUID.fromString(monitor.get("id").asString());
        Instant older = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        insertResult(monitorId, older, "local-a", true);
        insertResult(monitorId, older.plusSeconds(60), "local-b", false);

        JsonNode items = api.get("/api/v1/monitors/" + monitorId + "/results").json().get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("region").asString()).isEqualTo("local-b");
        assertThat(items.get(0).get("ok").asBoolean()).isFalse();
        assertThat(items.get(0).get("error").asString()).isEqualTo("connection refused");
        assertThat(items.get(1).get("region").asString()).isEqualTo("local-a");
        assertThat(items.get(1).get("timings").get("connectMs").asInt()).isEqualTo(3);
    }

    private void insertResult(UUID monitorId, Instant time, String region, boolean ok) {
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, connect_ms, error, message)
                        VALUES (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, 42, 3, ?, ?)""")
                .params(Timestamp.from(time), UUID.randomUUID(), UUID.randomUUID(), monitorId, UUID.randomUUID(),
                        region, Timestamp.from(time), ok, ok ? null : "CONNECTION", ok ? null : "connection refused")
                .update();
    }
}
