package dev.vigil.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class MaintenanceApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String monitor(ApiClient api) {
        return api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Shop")).json().get("id").asString();
    }

    @Test
    void aWindowIsCreatedReadPatchedReplacedAndDeletedWithAuditEntries() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = monitor(api);

        ApiClient.Response created = api.post("/api/v1/maintenances", Map.of("title", "Database upgrade",
                "description", "Version 18.\nShort read-only period.", "monitorIds", List.of(monitor),
                "startsAt", "2030-01-01T02:00:00+01:00", "endsAt", "2030-01-01T03:00:00Z"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode window = created.json();
        String id = window.get("id").asString();
        assertThat(window.get("startsAt").asString()).isEqualTo("2030-01-01T01:00:00Z");
        assertThat(window.get("status").asString()).isEqualTo("scheduled");
        assertThat(window.get("monitorIds").get(0).asString()).isEqualTo(monitor);
        assertThat(jdbc.sql("SELECT count(*) FROM maintenance_window_monitors WHERE window_id = ?::uuid")
                .param(id).query(Long.class).single()).isEqualTo(1);

        assertThat(api.get("/api/v1/maintenances").json().get("items").get(0).get("id").asString()).isEqualTo(id);
        ApiClient.Response patched = api.send("PATCH", "/api/v1/maintenances/" + id, "application/json",
                ApiClient.json(Map.of("title", "Bigger upgrade")));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("title").asString()).isEqualTo("Bigger upgrade");
        assertThat(patched.json().get("endsAt").asString()).isEqualTo("2030-01-01T03:00:00Z");

        ApiClient.Response replaced = api.put("/api/v1/maintenances/" + id, Map.of("title", "Now",
                "monitorIds", List.of(monitor), "startsAt", "2020-01-01T00:00:00Z", "endsAt", "2020-01-01T01:00:00Z"));
        assertThat(replaced.json().get("status").asString()).isEqualTo("completed");
        assertThat(api.get("/api/v1/maintenances").json().get("items").size()).isZero();
        assertThat(api.get("/api/v1/maintenances?includeCompleted=true").json().get("items").size()).isEqualTo(1);

        assertThat(api.delete("/api/v1/maintenances/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/maintenances/" + id).status()).isEqualTo(404);
        List<String> actions = api.get("/api/v1/audit-log").json().get("items").valueStream()
                .map(e -> e.get("action").asString()).toList();
        assertThat(actions).contains("maintenance.created", "maintenance.updated", "maintenance.deleted");
    }

    @Test
    void invalidWindowsAreRefusedNamingEveryField() {
        ApiClient api = new ApiClient(port).signUp();
        String foreign = monitor(new ApiClient(port).signUp());

        ApiClient.Response refused = api.post("/api/v1/maintenances", Map.of("title", " ",
                "monitorIds", List.of(foreign), "startsAt", "tomorrow", "endsAt", "2030-01-01T03:00:00Z"));
        ApiClient.Response backwards = api.post("/api/v1/maintenances", Map.of("title", "x",
                "monitorIds", List.of(monitor(api)), "startsAt", "2030-01-02T00:00:00Z",
                "endsAt", "2030-01-01T00:00:00Z"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("title", "monitorIds", "startsAt");
        assertThat(refused.errorFor("monitorIds")).contains(foreign);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.errorFields()).containsExactly("endsAt");
        assertThat(api.get("/api/v1/maintenances?includeCompleted=true").json().get("items").size()).isZero();
        assertThat(api.get("/api/v1/maintenances/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
