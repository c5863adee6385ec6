package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A monitor group given as a status page component becomes a component group of its monitors. */
@ApiServiceTest
class MonitorGroupComponentsIT {

    @LocalServerPort
    int port;

    @Test
    void aMonitorGroupBecomesAComponentGroupOfItsMonitorsAndSubgroups() {
        ApiClient api = new ApiClient(port).signUp();
        String eu = id(api.post("/api/v1/monitor-groups", Map.of("name", "EU")));
        String checkout = id(api.post("/api/v1/monitor-groups", Map.of("name", "Checkout", "parentId", eu)));
        String other = id(api.post("/api/v1/monitor-groups", Map.of("name", "Other")));
        String web = monitor(api, "Web", eu);
        String cart = monitor(api, "Cart", checkout);
        monitor(api, "Elsewhere", other);
        String single = monitor(api, "Status API", null);

        JsonNode page = Tenant.require(api.post("/api/v1/status-pages", Map.of("slug", slug(), "title", "Acme",
                "components", List.of(Map.of("monitorGroupId", eu),
                        Map.of("monitorGroupId", checkout, "group", "Payments"),
                        Map.of("name", "API", "monitorId", single)))), 201).json();

        List<String> shown = page.get("components").valueStream()
                .map(c -> (c.hasNonNull("group") ? c.get("group").asString() : "-") + ": "
                        + c.get("name").asString() + " " + c.get("monitorId").asString()).toList();
        assertThat(shown).containsExactly("EU: Cart " + cart, "EU: Web " + web, "Payments: Cart " + cart,
                "-: API " + single);
        String summary = new ApiClient(port).get("/status/" + page.get("slug").asString() + "/summary.json").body();
        assertThat(summary).contains("\"group\":\"EU\"").contains("Web").doesNotContain("Elsewhere");
    }

    @Test
    void anotherWorkspacesGroupOrAMixedComponentIsRefused() {
        ApiClient mine = new ApiClient(port).signUp();
        ApiClient theirs = new ApiClient(port).signUp();
        String foreign = id(theirs.post("/api/v1/monitor-groups", Map.of("name", "Theirs")));
        monitor(theirs, "Secret", foreign);
        String own = id(mine.post("/api/v1/monitor-groups", Map.of("name", "Mine")));

        ApiClient.Response refused = mine.post("/api/v1/status-pages", Map.of("slug", slug(), "title", "T",
                "components", List.of(Map.of("monitorGroupId", foreign))));
        ApiClient.Response mixed = mine.post("/api/v1/status-pages", Map.of("slug", slug(), "title", "T",
                "components", List.of(Map.of("monitorGroupId", own, "name", "x"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("components[0].monitorGroupId");
        assertThat(refused.body()).doesNotContain("Secret");
        assertThat(mixed.errorFields()).containsExactly("components[0].monitorGroupId");
    }

    private static String monitor(ApiClient api, String name, String group) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "TCP", "host", "example.com",
                "port", 443));
        if (group != null) {
            body.put("groupId", group);
        }
        return id(api.post("/api/v1/monitors", body));
    }

    private static String slug() {
        return "g-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(ApiClient.Response response) {
        return Tenant.require(response, 201).json().get("id").asString();
    }
}
