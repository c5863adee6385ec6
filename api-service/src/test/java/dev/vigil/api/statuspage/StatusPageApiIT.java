package dev.vigil.api.statuspage;

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
class StatusPageApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String monitor(ApiClient api, String name) {
        return api.post("/api/v1/monitors", ApiEndpoints.httpMonitor(name)).json().get("id").asString();
    }

    private static String slug() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPageIsCreatedWithOrderedGroupedComponentsAndAHashedPassword() {
        ApiClient api = new ApiClient(port).signUp();
        String web = monitor(api, "web-1");
        String db = monitor(api, "db-1");
        String slug = slug();

        ApiClient.Response created = api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Acme",
                "description", "Live status of Acme", "logoUrl", "https://acme.example/logo.png",
                "customDomain", "Status." + slug + ".example", "password", "open sesame",
                "allowedIps", List.of("203.0.113.0/24", "2001:db8::/32"),
                "components", List.of(Map.of("name", "Website", "monitorId", web, "group", "Frontend"),
                        Map.of("name", "Database", "monitorId", db))));

        assertThat(created.status()).isEqualTo(201);
        JsonNode page = created.json();
        assertThat(page.get("customDomain").asString()).isEqualTo("status." + slug + ".example");
        assertThat(page.get("passwordProtected").asBoolean()).isTrue();
        assertThat(page.has("password")).isFalse();
        assertThat(page.get("url").asString()).isEqualTo("https://vigil.test/status/" + slug);
        assertThat(page.get("components").valueStream().map(c -> c.get("name").asString()).toList())
                .containsExactly("Website", "Database");
        assertThat(page.get("components").get(0).get("group").asString()).isEqualTo("Frontend");
        String hash = jdbc.sql("SELECT password_hash FROM status_pages WHERE slug = ?").param(slug)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("open sesame");
        assertThat(created.body()).doesNotContain("open sesame").doesNotContain("bcrypt");

        String id = page.get("id").asString();
        // PUT without a password keeps it; an empty one removes it.
        ApiClient.Response kept = api.put("/api/v1/status-pages/" + id, Map.of("slug", slug, "title", "Acme 2",
                "components", List.of(Map.of("name", "Database", "monitorId", db))));
        assertThat(kept.json().get("passwordProtected").asBoolean()).isTrue();
        assertThat(kept.json().get("customDomain").isNull()).isTrue();
        ApiClient.Response removed = api.put("/api/v1/status-pages/" + id, Map.of("slug", slug, "title", "Acme 2",
                "password", "", "components", List.of(Map.of("name", "Database", "monitorId", db))));
        assertThat(removed.json().get("passwordProtected").asBoolean()).isFalse();

        assertThat(api.get("/api/v1/status-pages").json().get("items").size()).isEqualTo(1);
        assertThat(api.delete("/api/v1/status-pages/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/status-pages/" + id).status()).isEqualTo(404);
        List<String> actions = api.get("/api/v1/audit-log").json().get("items").valueStream()
                .map(e -> e.get("action").asString()).toList();
        assertThat(actions).contains("status_page.created", "status_page.updated", "status_page.deleted");
        assertThat(api.get("/api/v1/audit-log").body()).doesNotContain("open sesame");
    }

    @Test
    void slugsAndDomainsAreUniqueAndEveryFieldIsValidated() {
        ApiClient api = new ApiClient(port).signUp();
        ApiClient other = new ApiClient(port).signUp();
        String mine = monitor(api, "mine");
        String theirs = monitor(other, "theirs");
        String slug = slug();
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "A",
                "components", List.of(Map.of("name", "A", "monitorId", mine)))).status()).isEqualTo(201);

        ApiClient.Response taken = other.post("/api/v1/status-pages", Map.of("slug", slug, "title", "B",
                "components", List.of(Map.of("name", "B", "monitorId", theirs))));
        ApiClient.Response invalid = api.post("/api/v1/status-pages", Map.of("slug", "Not A Slug", "title", "",
                "logoUrl", "javascript:alert(1)", "customDomain", "vigil.test", "password", "short",
                "allowedIps", List.of("10.0.0.0/33", "example.com"),
                "components", List.of(Map.of("name", "X", "monitorId", theirs))));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("slug", "title", "logoUrl", "customDomain",
                "password", "allowedIps[0]", "allowedIps[1]", "components");
        assertThat(invalid.errorFor("components")).contains(theirs);
    }

    @Test
    void authorsPostIncidentUpdatesThatAreListedInOrder() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = UUID.fromString(monitor(api, "shop"));
        UUID workspace = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        UUID incident = new dev.vigil.api.support.Tenant(workspace, null, api, null, null, null)
                .addOpenIncident(jdbc, monitor);

        ApiClient.Response first = api.post("/api/v1/incidents/" + incident + "/updates",
                Map.of("status", "investigating", "message", "Checkout fails for some."));
        ApiClient.Response second = api.post("/api/v1/incidents/" + incident + "/updates",
                Map.of("status", "identified", "message", "A bad deploy.\nRolling back."));
        ApiClient.Response wrong = api.post("/api/v1/incidents/" + incident + "/updates",
                Map.of("status", "fixed", "message", ""));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorFields()).containsExactlyInAnyOrder("status", "message");
        JsonNode items = api.get("/api/v1/incidents/" + incident + "/updates").json().get("items");
        assertThat(items.valueStream().map(u -> u.get("status").asString()).toList())
                .containsExactly("investigating", "identified");
        assertThat(items.get(1).get("message").asString()).isEqualTo("A bad deploy.\nRolling back.");
    }
}
