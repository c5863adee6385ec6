package dev.vigil.api.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class TagApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsListsRenamesAndDeletesATagAndMonitorsShowIt() {
        ApiClient api = new ApiClient(port).signUp();

        JsonNode prod = Tenant.require(api.post("/api/v1/tags", Map.of("name", "production", "color", "#DC2626")),
                201).json();
        JsonNode eu = Tenant.require(api.post("/api/v1/tags", Map.of("name", "eu")), 201).json();
        JsonNode monitor = Tenant.require(api.post("/api/v1/monitors", with(ApiEndpoints.httpMonitor("Shop"),
                "tagIds", List.of(prod.get("id").asString(), eu.get("id").asString()))), 201).json();

        assertThat(prod.get("color").asString()).isEqualTo("#dc2626");
        assertThat(eu.get("color").asString()).matches("#[0-9a-f]{6}");
        assertThat(monitor.get("tags").valueStream().map(t -> t.get("name").asString()).toList())
                .containsExactly("eu", "production");
        assertThat(monitor.get("tagIds")).hasSize(2);
        JsonNode listed = api.get("/api/v1/tags").json().get("items");
        assertThat(listed.valueStream().map(t -> t.get("name").asString()).toList()).containsExactly("eu",
                "production");
        assertThat(listed.get(1).get("monitors").asLong()).isEqualTo(1);

        String id = prod.get("id").asString();
        JsonNode renamed = Tenant.require(api.put("/api/v1/tags/" + id, Map.of("name", "prod", "color", "#059669")),
                200).json();
        assertThat(renamed.get("name").asString()).isEqualTo("prod");
        assertThat(api.get("/api/v1/monitors/" + monitor.get("id").asString()).json().get("tags").get(1)
                .get("color").asString()).isEqualTo("#059669");

        assertThat(api.delete("/api/v1/tags/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tags/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/monitors/" + monitor.get("id").asString()).json().get("tagIds")).hasSize(1);
        List<String> actions = jdbc.sql("SELECT action FROM audit_events WHERE resource_type = 'TAG' AND "
                + "resource_id = ? ORDER BY seq").param(UUID.fromString(id)).query(String.class).list();
        assertThat(actions).containsExactly("tag.created", "tag.updated", "tag.deleted");
    }

    @Test
    void refusesBadNamesColoursAndDuplicatesAsProblems() {
        ApiClient api = new ApiClient(port).signUp();
        Tenant.require(api.post("/api/v1/tags", Map.of("name", "Prod")), 201);

        ApiClient.Response duplicate = api.post("/api/v1/tags", Map.of("name", "prod"));
        ApiClient.Response bad = api.post("/api/v1/tags", Map.of("name", " ", "color", "red"));
        ApiClient.Response tooLong = api.post("/api/v1/tags", Map.of("name", "x".repeat(51)));
        ApiClient.Response unknownField = api.post("/api/v1/tags", Map.of("name", "x", "colour", "#000000"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("name", "color");
        assertThat(tooLong.errorFields()).containsExactly("name");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.isProblem()).isTrue();
    }

    @Test
    void aMonitorCannotCarryAnotherWorkspacesTag() {
        ApiClient mine = new ApiClient(port).signUp();
        ApiClient theirs = new ApiClient(port).signUp();
        String foreign = Tenant.require(theirs.post("/api/v1/tags", Map.of("name", "theirs")), 201).json()
                .get("id").asString();

        ApiClient.Response refused = mine.post("/api/v1/monitors", with(ApiEndpoints.httpMonitor("Sneaky"),
                "tagIds", List.of(foreign)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFor("tagIds")).contains(foreign);
        assertThat(mine.get("/api/v1/tags/" + foreign).status()).isEqualTo(404);
        assertThat(mine.put("/api/v1/tags/" + foreign, Map.of("name", "mine")).status()).isEqualTo(404);
        assertThat(mine.delete("/api/v1/tags/" + foreign).status()).isEqualTo(404);
        assertThat(theirs.get("/api/v1/tags/" + foreign).json().get("name").asString()).isEqualTo("theirs");
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
