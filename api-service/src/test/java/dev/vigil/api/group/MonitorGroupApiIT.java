package dev.vigil.api.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class MonitorGroupApiIT {

    @LocalServerPort
    int port;

    @Test
    void groupsNestOnceAndListParentsBeforeTheirSubgroups() {
        ApiClient api = new ApiClient(port).signUp();

        String eu = group(api, "EU", null);
        String us = group(api, "US", null);
        String checkout = group(api, "Checkout", eu);
        ApiClient.Response third = api.post("/api/v1/monitor-groups", Map.of("name", "Deep", "parentId", checkout));
        ApiClient.Response nestParent = api.put("/api/v1/monitor-groups/" + eu, Map.of("name", "EU", "parentId", us));
        ApiClient.Response sibling = api.post("/api/v1/monitor-groups", Map.of("name", "checkout", "parentId", eu));
        String sameNameElsewhere = group(api, "Checkout", us);

        assertThat(third.status()).isEqualTo(400);
        assertThat(third.errorFor("parentId")).contains("nest once");
        assertThat(nestParent.status()).isEqualTo(400);
        assertThat(nestParent.errorFor("parentId")).contains("subgroups");
        assertThat(sibling.status()).isEqualTo(409);
        assertThat(sameNameElsewhere).isNotNull();
        JsonNode listed = api.get("/api/v1/monitor-groups").json().get("items");
        assertThat(listed.valueStream().map(g -> g.get("path").asString()).toList())
                .containsExactly("EU", "EU / Checkout", "US", "US / Checkout");
    }

    @Test
    void deletingAGroupUngroupsItsMonitorsAndIsRefusedWhileItHasSubgroups() {
        ApiClient api = new ApiClient(port).signUp();
        String eu = group(api, "EU", null);
        String checkout = group(api, "Checkout", eu);
        Map<String, Object> body = new HashMap<>(ApiEndpoints.httpMonitor("Cart"));
        body.put("groupId", checkout);
        String monitor = Tenant.require(api.post("/api/v1/monitors", body), 201).json().get("id").asString();
        assertThat(api.get("/api/v1/monitor-groups/" + checkout).json().get("monitors").asLong()).isEqualTo(1);

        ApiClient.Response refused = api.delete("/api/v1/monitor-groups/" + eu);
        ApiClient.Response deleted = api.delete("/api/v1/monitor-groups/" + checkout);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/monitors/" + monitor).json().has("groupId")).isFalse();
        assertThat(api.delete("/api/v1/monitor-groups/" + eu).status()).isEqualTo(204);
    }

    @Test
    void anotherWorkspacesGroupIsUnknownEverywhere() {
        ApiClient mine = new ApiClient(port).signUp();
        ApiClient theirs = new ApiClient(port).signUp();
        String foreign = group(theirs, "Theirs", null);
        Map<String, Object> body = new HashMap<>(ApiEndpoints.httpMonitor("Sneaky"));
        body.put("groupId", foreign);

        ApiClient.Response monitor = mine.post("/api/v1/monitors", body);
        ApiClient.Response nested = mine.post("/api/v1/monitor-groups", Map.of("name", "In theirs",
                "parentId", foreign));
        ApiClient.Response filtered = mine.get("/api/v1/monitors?group=" + foreign);

        assertThat(monitor.status()).isEqualTo(400);
        assertThat(monitor.errorFields()).containsExactly("groupId");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(filtered.status()).isEqualTo(400);
        assertThat(filtered.errorFields()).containsExactly("group");
        assertThat(mine.get("/api/v1/monitor-groups/" + foreign).status()).isEqualTo(404);
        assertThat(new HashSet<>(theirs.get("/api/v1/monitor-groups").json().get("items").valueStream()
                .map(g -> g.get("name").asString()).toList())).containsExactly("Theirs");
    }

    static String group(ApiClient api, String name, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return Tenant.require(api.post("/api/v1/monitor-groups", body), 201).json().get("id").asString();
    }
}
