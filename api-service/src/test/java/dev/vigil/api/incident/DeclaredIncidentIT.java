package dev.vigil.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Declared incidents over real HTTP and PostgreSQL: a person declares one on two components of a status page, posts
 * updates that change what the public page, Vigil's summary.json and the Statuspage-shaped JSON say, resolves it,
 * writes a postmortem (hostile Markdown included) and publishes it; monitor incidents get titles and are told as part
 * of the declared one; bad input changes nothing, viewers change nothing, other workspaces see nothing.
 */
@ApiServiceTest
class DeclaredIncidentIT {

    @LocalServerPort
    int port;

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    private record Page(String slug, String id, String monitorApi, String monitorDb, String api, String db) {
    }

    private Page page(ApiClient owner) {
        String api = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("API server")).json().get("id")
                .asString();
        String db = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Database")).json().get("id")
                .asString();
        String slug = "decl-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode page = Tenant.require(owner.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Acme",
                "components", List.of(Map.of("name", "Public API", "monitorId", api),
                        Map.of("name", "Data store", "monitorId", db)))), 201).json();
        Map<String, String> ids = new HashMap<>();
        page.get("components").valueStream().forEach(c -> ids.put(c.get("name").asString(), c.get("id").asString()));
        return new Page(slug, page.get("id").asString(), api, db, ids.get("Public API"), ids.get("Data store"));
    }

    private static Map<String, String> componentStatuses(ApiClient anonymous, String slug) {
        Map<String, String> statuses = new HashMap<>();
        anonymous.get("/status/" + slug + "/summary.json").json().get("components").valueStream()
                .forEach(c -> statuses.put(c.get("name").asString(), c.get("status").asString()));
        return statuses;
    }

    private static Map<String, Object> impact(String component, String impact) {
        return Map.of("componentId", component, "impact", impact);
    }

    @Test
    void aDeclaredIncidentOnTwoComponentsGoesFromInvestigatingToResolvedAndChangesThePage() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        ApiClient anonymous = new ApiClient(port);
        Page p = page(owner);
        assertThat(componentStatuses(anonymous, p.slug())).containsEntry("Public API", "operational")
                .containsEntry("Data store", "operational");

        JsonNode declared = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Elevated API errors",
                "severity", "major", "message", "We are looking into failing API calls.",
                "components", List.of(impact(p.api(), "partial_outage"),
                        impact(p.db(), "degraded_performance")))), 201).json();
        String id = declared.get("id").asString();
        assertThat(declared.get("kind").asString()).isEqualTo("DECLARED");
        assertThat(declared.get("status").asString()).isEqualTo("OPEN");
        assertThat(declared.has("monitorId")).isFalse();
        assertThat(declared.get("title").asString()).isEqualTo("Elevated API errors");
        assertThat(declared.get("components").size()).isEqualTo(2);
        assertThat(owner.get("/api/v1/incidents?kind=DECLARED").json().get("items").valueStream()
                .map(i -> i.get("id").asString()).toList()).containsExactly(id);

        // Investigating: the page shows the incident and both components' impact.
        assertThat(componentStatuses(anonymous, p.slug())).containsEntry("Public API", "partial_outage")
                .containsEntry("Data store", "degraded_performance");
        JsonNode summary = anonymous.get("/status/" + p.slug() + "/summary.json").json();
        assertThat(summary.get("status").get("indicator").asString()).isEqualTo("major");
        assertThat(summary.get("incidents").get(0).get("name").asString()).isEqualTo("Elevated API errors");
        assertThat(summary.get("incidents").get(0).get("status").asString()).isEqualTo("investigating");
        String html = anonymous.get("/status/" + p.slug()).body();
        assertThat(html).contains("Elevated API errors").contains("We are looking into failing API calls.")
                .contains("Partial outage");

        // Identified: the data store is now down too.
        Tenant.require(owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "identified",
                "message", "A failed storage node.", "components", List.of(impact(p.db(), "major_outage")))), 201);
        assertThat(componentStatuses(anonymous, p.slug())).containsEntry("Public API", "partial_outage")
                .containsEntry("Data store", "major_outage");
        JsonNode v2 = anonymous.get("/status/" + p.slug() + "/api/v2/incidents/unresolved.json").json();
        assertThat(v2.get("incidents").get(0).get("status").asString()).isEqualTo("identified");
        assertThat(v2.get("incidents").get(0).get("incident_updates").size()).isEqualTo(2);

        // Monitoring: the API recovered.
        Tenant.require(owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "monitoring",
                "message", "Node replaced; watching.", "components", List.of(impact(p.api(), "operational")))), 201);
        assertThat(componentStatuses(anonymous, p.slug())).containsEntry("Public API", "operational")
                .containsEntry("Data store", "major_outage");
        assertThat(anonymous.get("/status/" + p.slug() + "/api/v2/incidents/unresolved.json").json()
                .get("incidents").get(0).get("monitoring_at").isNull()).isFalse();

        // Resolved: the incident closes, every component is operational, the page moves it to the history.
        Tenant.require(owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "resolved",
                "message", "All good.")), 201);
        JsonNode resolved = owner.get("/api/v1/incidents/" + id).json();
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();
        assertThat(resolved.get("components").valueStream().map(c -> c.get("impact").asString()).toList())
                .containsOnly("operational");
        assertThat(resolved.get("timeline").valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("DECLARED", "RESOLVED");
        assertThat(componentStatuses(anonymous, p.slug())).containsEntry("Public API", "operational")
                .containsEntry("Data store", "operational");
        summary = anonymous.get("/status/" + p.slug() + "/summary.json").json();
        assertThat(summary.get("incidents").size()).isZero();
        assertThat(summary.get("status").get("indicator").asString()).isEqualTo("none");
        assertThat(anonymous.get("/status/" + p.slug() + "/history").body()).contains("Elevated API errors");
        assertThat(anonymous.get("/status/" + p.slug() + "/api/v2/incidents/unresolved.json").json()
                .get("incidents").size()).isZero();
        JsonNode all = anonymous.get("/status/" + p.slug() + "/api/v2/incidents.json").json().get("incidents");
        assertThat(all.get(0).get("status").asString()).isEqualTo("resolved");
        assertThat(all.get(0).get("incident_updates").size()).isEqualTo(4);

        // Subscribers of the affected components' pages hear the declaration and each update (the alerting service's
        // fan-out sends them): four outbox rows naming the components, none naming a monitor.
        List<JsonNode> announced = jdbc.sql("""
                        SELECT payload::text FROM notification_outbox
                        WHERE incident_id = ?::uuid AND event = 'status.incident-update' ORDER BY created_at""")
                .param(id).query(String.class).list().stream().map(JSON::readTree).toList();
        assertThat(announced).hasSize(4);
        assertThat(announced).allSatisfy(payload -> {
            assertThat(payload.has("monitor")).isFalse();
            assertThat(payload.get("componentIds").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrder(p.api(), p.db());
        });
        assertThat(announced.stream().map(a -> a.get("update").get("status").asString()).toList())
                .containsExactly("investigating", "identified", "monitoring", "resolved");

        // The incident's own page: the whole timeline, oldest first.
        String page = anonymous.get("/status/" + p.slug() + "/incidents/" + id).body();
        assertThat(page).contains("Elevated API errors");
        assertThat(page.indexOf("We are looking into failing API calls.")).isLessThan(page.indexOf("All good."));
        // A resolved declared incident takes no more updates.
        assertThat(owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "monitoring",
                "message", "again")).status()).isEqualTo(409);
    }

    @Test
    void aPostmortemIsPublishedSanitisedOnlyWhenTheAuthorSaysSo() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        ApiClient anonymous = new ApiClient(port);
        Page p = page(owner);
        String id = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Login outage", "severity",
                "critical", "message", "Logins fail.", "components", List.of(impact(p.api(), "major_outage")))),
                201).json().get("id").asString();
        String markdown = """
                # What happened

                A **bad** config. <script>alert('owned')</script>

                [details](javascript:alert(1)) and [the fix](https://example.com/fix)

                <img src=x onerror=alert(2)>
                """;
        assertThat(owner.put("/api/v1/incidents/" + id + "/postmortem", Map.of("body", markdown)).status())
                .as("an open incident has no postmortem yet").isEqualTo(409);
        Tenant.require(owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "resolved",
                "message", "Fixed.")), 201);

        JsonNode draft = Tenant.require(owner.put("/api/v1/incidents/" + id + "/postmortem",
                Map.of("body", markdown, "published", false)), 200).json();
        assertThat(draft.get("published").asBoolean()).isFalse();
        assertThat(draft.get("html").asString()).contains("<h1>What happened</h1>").contains("<strong>bad</strong>")
                .doesNotContain("script").doesNotContain("javascript:").doesNotContain("onerror")
                .doesNotContain("img");
        String path = "/status/" + p.slug() + "/incidents/" + id;
        assertThat(anonymous.get(path).body()).doesNotContain("What happened");

        Tenant.require(owner.put("/api/v1/incidents/" + id + "/postmortem",
                Map.of("body", markdown, "published", true)), 200);
        String page = anonymous.get(path).body();
        assertThat(page).contains("<h1>What happened</h1>").contains("https://example.com/fix")
                .contains("rel=\"nofollow noopener noreferrer\"")
                .doesNotContain("alert('owned')</script>").doesNotContain("javascript:")
                .doesNotContain("onerror=");
        assertThat(owner.get("/api/v1/incidents/" + id + "/postmortem").json().get("publishedAt").isNull())
                .isFalse();

        // Bad input: nothing changes.
        assertThat(owner.put("/api/v1/incidents/" + id + "/postmortem", Map.of("body", " ")).errorFields())
                .containsExactly("body");
        assertThat(owner.get("/api/v1/incidents/" + id + "/postmortem").json().get("body").asString())
                .isEqualTo(markdown);
        // Viewers read but change nothing; another workspace sees nothing.
        assertThat(tenant.viewer().get("/api/v1/incidents/" + id + "/postmortem").status()).isEqualTo(200);
        assertThat(tenant.viewer().delete("/api/v1/incidents/" + id + "/postmortem").status()).isEqualTo(403);
        ApiClient outsider = new ApiClient(port).signUp();
        assertThat(outsider.get("/api/v1/incidents/" + id + "/postmortem").status()).isEqualTo(404);
        assertThat(outsider.put("/api/v1/incidents/" + id + "/postmortem", Map.of("body", "mine")).status())
                .isEqualTo(404);

        Tenant.require(owner.delete("/api/v1/incidents/" + id + "/postmortem"), 204);
        assertThat(anonymous.get(path).body()).doesNotContain("What happened");
    }

    @Test
    void badInputViewersAndOtherWorkspacesChangeNothing() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        Page p = page(owner);
        ApiClient outsider = new ApiClient(port).signUp();
        Page theirs = page(outsider);
        int before = count(tenant.workspaceId());

        ApiClient.Response bad = owner.post("/api/v1/incidents", Map.of("title", "", "severity", "apocalyptic",
                "status", "resolved", "message", "x", "components", List.of(impact(theirs.api(), "major_outage"),
                        impact(p.db(), "operational"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("title", "severity", "status",
                "components[0].componentId", "components[1].impact");
        assertThat(owner.post("/api/v1/incidents", Map.of("title", "t", "severity", "minor", "message", "m",
                "components", List.of())).errorFields()).containsExactly("components");
        assertThat(owner.postRaw("/api/v1/incidents", "{\"title\":\"t\",\"sneaky\":1}").status()).isEqualTo(400);
        assertThat(tenant.viewer().post("/api/v1/incidents", Map.of("title", "t", "severity", "minor",
                "message", "m", "components", List.of(impact(p.api(), "major_outage")))).status()).isEqualTo(403);
        assertThat(count(tenant.workspaceId())).isEqualTo(before);

        String id = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Slow pages", "severity", "minor",
                "message", "Slow.", "components", List.of(impact(p.api(), "degraded_performance")))), 201).json()
                .get("id").asString();
        ApiClient.Response badUpdate = owner.post("/api/v1/incidents/" + id + "/updates", Map.of("status",
                "identified", "message", "m", "components", List.of(impact(theirs.db(), "major_outage"))));
        assertThat(badUpdate.errorFields()).containsExactly("components[0].componentId");
        assertThat(owner.get("/api/v1/incidents/" + id + "/updates").json().get("items").size()).isEqualTo(1);
        assertThat(outsider.get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/incidents/" + id + "/updates", Map.of("status", "resolved",
                "message", "mine")).status()).isEqualTo(404);
        assertThat(outsider.get("/status/" + theirs.slug() + "/incidents/" + id).status()).isEqualTo(404);
        assertThat(patch(owner, "/api/v1/incidents/" + id, Map.of("severity", "severe")).errorFields())
                .containsExactly("severity");
        assertThat(Tenant.require(patch(owner, "/api/v1/incidents/" + id, Map.of("title", "Slow checkout")), 200)
                .json().get("title").asString()).isEqualTo("Slow checkout");
    }

    @Test
    void monitorIncidentsGetTitlesAndAreToldAsPartOfTheDeclaredIncidentTheyAreLinkedTo() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        ApiClient anonymous = new ApiClient(port);
        Page p = page(owner);
        UUID apiDown = tenant.addOpenIncident(jdbc, UUID.fromString(p.monitorApi()));
        UUID dbDown = tenant.addOpenIncident(jdbc, UUID.fromString(p.monitorDb()));

        Tenant.require(patch(owner, "/api/v1/incidents/" + apiDown, Map.of("title", "API unreachable")), 200);
        assertThat(patch(owner, "/api/v1/incidents/" + apiDown, Map.of("severity", "minor")).errorFields())
                .containsExactly("severity");
        JsonNode summary = anonymous.get("/status/" + p.slug() + "/summary.json").json();
        assertThat(summary.get("incidents").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactlyInAnyOrder("API unreachable", "Data store outage");

        String declared = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Data centre power loss",
                "severity", "critical", "message", "Power is out in one data centre.",
                "components", List.of(impact(p.api(), "major_outage"), impact(p.db(), "major_outage")))), 201)
                .json().get("id").asString();
        assertThat(owner.post("/api/v1/incidents/" + declared + "/link", Map.of("declaredIncidentId",
                apiDown.toString())).errorFields()).containsExactly("declaredIncidentId");
        assertThat(owner.post("/api/v1/incidents/" + apiDown + "/link", Map.of("declaredIncidentId",
                UUID.randomUUID().toString())).errorFields()).containsExactly("declaredIncidentId");
        for (UUID monitorIncident : List.of(apiDown, dbDown)) {
            JsonNode linked = Tenant.require(owner.post("/api/v1/incidents/" + monitorIncident + "/link",
                    Map.of("declaredIncidentId", declared)), 200).json();
            assertThat(linked.get("declaredIncidentId").asString()).isEqualTo(declared);
        }
        summary = anonymous.get("/status/" + p.slug() + "/summary.json").json();
        assertThat(summary.get("incidents").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactly("Data centre power loss");
        JsonNode v2 = anonymous.get("/status/" + p.slug() + "/api/v2/status.json").json();
        assertThat(v2.get("status").get("indicator").asString()).isEqualTo("critical");

        Tenant.require(owner.delete("/api/v1/incidents/" + dbDown + "/link"), 204);
        summary = anonymous.get("/status/" + p.slug() + "/summary.json").json();
        assertThat(summary.get("incidents").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactlyInAnyOrder("Data centre power loss", "Data store outage");

        // The month's history, filtered by impact and component.
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        String base = "/status/" + p.slug() + "/incidents?month=" + month;
        assertThat(anonymous.get(base).body()).contains("Data centre power loss").contains("Data store outage");
        assertThat(anonymous.get(base + "&impact=critical").body()).contains("Data centre power loss")
                .doesNotContain("Data store outage");
        assertThat(anonymous.get(base + "&impact=minor").body()).contains("No incidents this month.");
        assertThat(anonymous.get(base + "&component=" + p.db()).body()).contains("Data store outage");
        assertThat(anonymous.get(base.replace(month, "1999-01")).status()).isEqualTo(400);
        assertThat(anonymous.get(base + "&component=" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void privatePagesGuardTheirStatuspageDocumentsAndIncidentPages() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        ApiClient anonymous = new ApiClient(port);
        Page p = page(owner);
        String id = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Secret trouble", "severity",
                "minor", "message", "Hush.", "components", List.of(impact(p.api(), "degraded_performance")))), 201)
                .json().get("id").asString();
        JsonNode page = owner.get("/api/v1/status-pages/" + p.id()).json();
        Tenant.require(owner.put("/api/v1/status-pages/" + p.id(), Map.of("slug", p.slug(), "title", "Acme",
                "password", "a long page password", "components", List.of(
                        Map.of("name", "Public API", "monitorId", p.monitorApi()),
                        Map.of("name", "Data store", "monitorId", p.monitorDb())))), 200);
        assertThat(page.get("id").asString()).isEqualTo(p.id());
        assertThat(owner.get("/api/v1/incidents/" + id).json().get("components").get(0).get("componentId")
                .asString()).as("editing the page keeps its components' ids").isEqualTo(p.api());
        for (String path : List.of("/api/v2/summary.json", "/api/v2/incidents.json", "/incidents",
                "/incidents/" + id)) {
            ApiClient.Response response = anonymous.get("/status/" + p.slug() + path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("Secret trouble");
        }
    }

    private static ApiClient.Response patch(ApiClient client, String path, Object body) {
        return client.send("PATCH", path, "application/json", ApiClient.json(body));
    }

    private int count(UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM incidents WHERE workspace_id = ?").param(workspaceId)
                .query(Integer.class).single();
    }
}
