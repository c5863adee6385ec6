package dev.vigil.api.incident;

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
class IncidentApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private UUID monitor(ApiClient api) {
        return UUID.fromString(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://example.com", "regions", List.of("local-a", "local-b"))).json().get("id").asString());
    }

    /** An incident as the alerting service writes it. */
    private UUID incident(UUID monitor, String status) {
        UUID id = UUID.randomUUID();
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor).query(UUID.class)
                .single();
        Instant started = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at,
                                               cause, regions)
                        VALUES (?, ?, ?, 'DOWN', ?, ?, ?, 'HTTP status 503', '{local-a,local-b}')""")
                .params(id, workspace, monitor, status, Timestamp.from(started),
                        status.equals("RESOLVED") ? Timestamp.from(started.plusSeconds(120)) : null)
                .update();
        jdbc.sql("INSERT INTO incident_events (incident_id, at, type, message) VALUES (?, ?, 'OPENED', 'Failed in local-a')")
                .params(id, Timestamp.from(started)).update();
        return id;
    }

    @Test
    void incidentsAreListedFilteredAndReadWithTheirTimeline() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitor(api);
        UUID open = incident(monitor, "OPEN");
        UUID resolved = incident(monitor, "RESOLVED");

        JsonNode all = api.get("/api/v1/incidents?monitorId=" + monitor).json().get("items");
        assertThat(all.valueStream().map(i -> i.get("id").asString()).toList())
                .containsExactlyInAnyOrder(open.toString(), resolved.toString());
        JsonNode openOnly = api.get("/api/v1/incidents?status=OPEN").json().get("items");
        assertThat(openOnly.valueStream().map(i -> i.get("id").asString()).toList()).containsExactly(open.toString());

        JsonNode one = api.get("/api/v1/incidents/" + open).json();
        assertThat(one.get("cause").asString()).isEqualTo("HTTP status 503");
        assertThat(one.get("regions").valueStream().map(JsonNode::asString).toList())
                .containsExactly("local-a", "local-b");
        assertThat(one.get("timeline").get(0).get("type").asString()).isEqualTo("OPENED");
        assertThat(api.get("/api/v1/incidents?status=SOMETIMES").status()).isEqualTo(400);
    }

    @Test
    void acknowledgingWritesTheTimelineAndOneNotification() {
        ApiClient api = new ApiClient(port).signUp();
        UUID incident = incident(monitor(api), "OPEN");

        ApiClient.Response first = api.post("/api/v1/incidents/" + incident + "/acknowledge", Map.of());
        ApiClient.Response second = api.post("/api/v1/incidents/" + incident + "/acknowledge", Map.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("acknowledgedAt").isNull()).isFalse();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("timeline").valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("OPENED", "ACKNOWLEDGED");
        List<String> payloads = jdbc.sql("SELECT payload::text FROM notification_outbox WHERE incident_id = ? "
                + "AND event = 'incident.acknowledged'").param(incident).query(String.class).list();
        assertThat(payloads).hasSize(1);
        assertThat(payloads.getFirst()).contains("\"target\": \"https://example.com\"").contains(incident.toString());
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledged() {
        ApiClient api = new ApiClient(port).signUp();
        UUID incident = incident(monitor(api), "RESOLVED");

        ApiClient.Response response = api.post("/api/v1/incidents/" + incident + "/acknowledge", Map.of());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void anotherWorkspacesIncidentIsNotFound() {
        ApiClient owner = new ApiClient(port).signUp();
        ApiClient outsider = new ApiClient(port).signUp();
        UUID incident = incident(monitor(owner), "OPEN");

        assertThat(outsider.get("/api/v1/incidents/" + incident).status()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/incidents/" + incident + "/acknowledge", Map.of()).status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/incidents").json().get("items").size()).isZero();
        assertThat(jdbc.sql("SELECT acknowledged_at FROM incidents WHERE id = ?").param(incident)
                .query(Timestamp.class).optional()).isEmpty();
    }

    @Test
    void pingsAreRecordedByTokenWithoutAKey() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitor(api);
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("UPDATE monitors SET type = 'HEARTBEAT', check_spec = "
                + "'{\"type\":\"HEARTBEAT\",\"periodSeconds\":60,\"graceSeconds\":30}'::jsonb, ping_token = ? "
                + "WHERE id = ?").params(token, monitor).update();
        ApiClient anonymous = new ApiClient(port);

        assertThat(anonymous.get("/ping/" + token).status()).isEqualTo(200);
        assertThat(anonymous.postRaw("/ping/" + token + "/fail", "exit code 3: disk full").status()).isEqualTo(200);
        assertThat(anonymous.get("/ping/" + "nosuchtoken123").status()).isEqualTo(404);
        assertThat(anonymous.get("/ping/" + "bad%20token").status()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT kind || ':' || coalesce(body, '') FROM heartbeat_pings WHERE monitor_id = ? "
                + "ORDER BY id").param(monitor).query(String.class).list())
                .containsExactly("BEAT:", "FAIL:exit code 3: disk full");
        // The ping made the monitor due for the alerting service's evaluator.
        assertThat(jdbc.sql("SELECT next_evaluation_at IS NOT NULL FROM monitor_states WHERE monitor_id = ?")
                .param(monitor).query(Boolean.class).single()).isTrue();
    }
}
