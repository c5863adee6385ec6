package dev.vigil.api.apply;

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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@ApiServiceTest
class ApplyApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every kind of object, referring to each other by key; the hook secret and page password are resolved. */
    static final String DOCUMENT = """
            {"version": 1,
             "alertChannels": [
               {"key": "ops-hook", "name": "Ops hook", "type": "WEBHOOK",
                "config": {"url": "https://93.184.215.14/vigil-hook", "secret": "a-webhook-secret-0123456789"}},
               {"key": "ops-mail", "name": "Ops mail", "type": "EMAIL", "config": {"to": "ops@example.com"},
                "isDefault": true}],
             "monitors": [
               {"key": "home", "name": "Homepage", "type": "HTTP", "url": "https://example.com/health",
                "method": "GET", "headers": {"Accept": "application/json"}, "intervalSeconds": 60,
                "regions": ["local-a", "local-b"], "confirmations": 1, "degradedAboveMs": 1500,
                "assertions": [{"source": "STATUS_CODE", "comparison": "EQUALS", "target": "200"},
                               {"source": "JSON_PATH", "path": "$.status", "comparison": "EQUALS", "target": "up"}],
                "alertChannels": ["ops-hook", "ops-mail"]},
               {"key": "db", "name": "Database port", "type": "TCP", "host": "db.example.com", "port": 5432},
               {"key": "nightly", "name": "Nightly backup", "type": "HEARTBEAT", "periodSeconds": 86400},
               {"key": "cert", "name": "Certificate", "type": "TLS", "host": "example.com", "paused": true},
               {"key": "dns", "name": "MX", "type": "DNS", "host": "example.com", "recordType": "MX"}],
             "statusPages": [
               {"key": "public", "slug": "SLUG", "title": "Acme status", "password": "a page password",
                "components": [{"name": "Website", "monitor": "home", "group": "Web"},
                               {"name": "Database", "monitor": "db"}]}],
             "maintenanceWindows": [
               {"key": "upgrade", "title": "Database upgrade", "monitors": ["db"],
                "startsAt": "2030-01-01T02:00:00Z", "endsAt": "2030-01-01T03:00:00Z"}]}
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String document() {
        return DOCUMENT.replace("SLUG", "acme-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static ApiClient.Response apply(ApiClient api, String document, String query) {
        return api.postRaw("/api/v1/apply?" + query, document);
    }

    private static List<String> actions(ApiClient.Response plan) {
        return plan.json().get("changes").valueStream()
                .map(c -> c.get("action").asString() + " " + c.get("kind").asString() + " " + c.get("key").asString())
                .toList();
    }

    private long monitors(UUID workspace) {
        return jdbc.sql("SELECT count(*) FROM monitors WHERE workspace_id = ?").param(workspace).query(Long.class)
                .single();
    }

    @Test
    void aDryRunPlansEverythingAndWritesNothingThenTheApplyMakesItAndASecondApplyChangesNothing() {
        Tenant tenant = Tenant.create(port);
        String document = document();

        ApiClient.Response plan = apply(tenant.owner(), document, "dryRun=true");

        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        assertThat(plan.json().get("applied").asBoolean()).isFalse();
        assertThat(actions(plan)).containsExactly("create alertChannel ops-hook", "create alertChannel ops-mail",
                "create monitor home", "create monitor db", "create monitor nightly", "create monitor cert",
                "create monitor dns", "create statusPage public", "create maintenanceWindow upgrade");
        assertThat(monitors(tenant.workspaceId())).isZero();
        assertThat(tenant.owner().get("/api/v1/alert-channels").json().get("items").size()).isZero();

        ApiClient.Response applied = apply(tenant.owner(), document, "dryRun=false");

        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        assertThat(applied.json().get("applied").asBoolean()).isTrue();
        assertThat(actions(applied)).isEqualTo(actions(plan));
        assertThat(monitors(tenant.workspaceId())).isEqualTo(5);
        JsonNode home = tenant.owner().get("/api/v1/monitors").json().get("items").valueStream()
                .filter(m -> m.get("name").asString().equals("Homepage")).findFirst().orElseThrow();
        assertThat(home.get("alertChannelIds").size()).isEqualTo(2);
        assertThat(home.get("assertions").get(1).get("path").asString()).isEqualTo("$.status");
        JsonNode page = tenant.owner().get("/api/v1/status-pages").json().get("items").get(0);
        assertThat(page.get("passwordProtected").asBoolean()).isTrue();
        assertThat(page.get("components").get(0).get("monitorId").asString()).isEqualTo(home.get("id").asString());
        assertThat(tenant.owner().get("/api/v1/maintenances").json().get("items").get(0).get("monitorIds").size())
                .isEqualTo(1);
        assertThat(tenant.owner().get("/api/v1/audit-log?size=100").json().get("items").valueStream()
                .map(e -> e.get("action").asString()).toList())
                .contains("alert_channel.created", "monitor.created", "status_page.created", "maintenance.created");

        ApiClient.Response again = apply(tenant.owner(), document, "dryRun=false");

        assertThat(again.json().get("changes").size()).as("%s", again).isZero();
        assertThat(again.json().get("summary").get("unchanged").asInt()).isEqualTo(9);
    }

    @Test
    void anEditIsPlannedAsAnUpdateOfTheFieldsThatChange() {
        Tenant tenant = Tenant.create(port);
        String document = document();
        assertThat(apply(tenant.owner(), document, "").status()).isEqualTo(200);

        String edited = document.replace("\"Homepage\"", "\"Home page\"").replace("\"port\": 5432", "\"port\": 6432")
                .replace("a page password", "another page password")
                .replace("\"alertChannels\": [\"ops-hook\", \"ops-mail\"]", "\"alertChannels\": [\"ops-mail\"]");
        ApiClient.Response plan = apply(tenant.owner(), edited, "dryRun=true");

        assertThat(actions(plan)).containsExactly("update monitor home", "update monitor db",
                "update statusPage public");
        JsonNode changes = plan.json().get("changes");
        assertThat(changes.get(0).get("fields").valueStream().map(JsonNode::asString))
                .containsExactly("name", "alertChannels");
        assertThat(changes.get(1).get("fields").get(0).asString()).isEqualTo("check");
        assertThat(changes.get(2).get("fields").get(0).asString()).isEqualTo("password");

        assertThat(apply(tenant.owner(), edited, "").status()).isEqualTo(200);
        assertThat(apply(tenant.owner(), edited, "dryRun=true").json().get("changes").size()).isZero();
        assertThat(tenant.owner().get("/api/v1/monitors").json().get("items").valueStream()
                .filter(m -> m.get("name").asString().equals("Home page")).findFirst().orElseThrow()
                .get("alertChannelIds").size()).isEqualTo(1);
    }

    @Test
    void pruneDeletesOnlyTheManagedObjectsTheDocumentNoLongerNames() {
        Tenant tenant = Tenant.create(port);
        String unmanaged = tenant.owner().post("/api/v1/monitors", ApiEndpoints.httpMonitor("Made by hand"))
                .json().get("id").asString();
        String document = document();
        assertThat(apply(tenant.owner(), document, "").status()).isEqualTo(200);
        ObjectNode smaller = (ObjectNode) JSON.readTree(document);
        smaller.remove("statusPages");
        smaller.remove("maintenanceWindows");
        ((tools.jackson.databind.node.ArrayNode) smaller.get("monitors")).remove(4);
        ((tools.jackson.databind.node.ArrayNode) smaller.get("monitors")).remove(3);

        ApiClient.Response kept = apply(tenant.owner(), smaller.toString(), "dryRun=true");
        ApiClient.Response pruned = apply(tenant.owner(), smaller.toString(), "prune=true");

        assertThat(kept.json().get("changes").size()).isZero();
        assertThat(actions(pruned)).containsExactly("delete maintenanceWindow upgrade", "delete statusPage public",
                "delete monitor cert", "delete monitor dns");
        assertThat(monitors(tenant.workspaceId())).isEqualTo(4);
        assertThat(tenant.owner().get("/api/v1/monitors/" + unmanaged).status()).isEqualTo(200);
        assertThat(tenant.owner().get("/api/v1/status-pages").json().get("items").size()).isZero();
        assertThat(apply(tenant.owner(), smaller.toString(), "prune=true").json().get("changes").size()).isZero();
    }

    @Test
    void everyProblemIsNamedByItsPathInTheDocumentAndNothingIsWritten() {
        Tenant tenant = Tenant.create(port);
        String broken = document()
                .replace("\"target\": \"up\"", "\"target\": \"" + "x".repeat(2000) + "\"")
                .replace("\"port\": 5432", "\"port\": 70000")
                .replace("\"monitor\": \"db\"", "\"monitor\": \"no-such-monitor\"")
                .replace("{\"key\": \"cert\"", "{\"key\": \"dns\"");

        ApiClient.Response refused = apply(tenant.owner(), broken, "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.errorFields()).containsExactly("monitors[4].key");
        ApiClient.Response second = apply(tenant.owner(), broken.replace("{\"key\": \"dns\", \"name\": \"Cert",
                "{\"key\": \"cert\", \"name\": \"Cert"), "");
        assertThat(second.errorFields()).containsExactly("statusPages[0].components[1].monitor");
        ApiClient.Response third = apply(tenant.owner(), broken.replace("{\"key\": \"dns\", \"name\": \"Cert",
                "{\"key\": \"cert\", \"name\": \"Cert").replace("no-such-monitor", "db"), "");
        assertThat(third.errorFields()).containsExactlyInAnyOrder("monitors[0].assertions[1].target",
                "monitors[1].port");
        ApiClient.Response unknownField = apply(tenant.owner(), document().replace("\"method\": \"GET\"",
                "\"colour\": \"red\""), "");
        assertThat(unknownField.errorFields()).containsExactly("monitors[0].colour");
        ApiClient.Response unresolved = apply(tenant.owner(), document().replace("\"a-webhook-secret-0123456789\"",
                "{\"env\": \"HOOK_SECRET\"}"), "");
        assertThat(unresolved.errorFields()).containsExactly("alertChannels[0].config.secret");
        assertThat(unresolved.errorFor("alertChannels[0].config.secret")).contains("HOOK_SECRET");

        assertThat(monitors(tenant.workspaceId())).isZero();
        assertThat(tenant.owner().get("/api/v1/alert-channels").json().get("items").size()).isZero();
    }

    @Test
    void exportAppliedToANewWorkspaceReproducesItAndAdoptsUnmanagedObjectsInTheOldOne() {
        Tenant source = Tenant.create(port);
        assertThat(apply(source.owner(), document(), "").status()).isEqualTo(200);
        // Objects made through the rest of the API are exported under their ids.
        String byHand = source.owner().post("/api/v1/monitors", ApiEndpoints.httpMonitor("Made by hand"))
                .json().get("id").asString();
        Tenant.require(source.owner().post("/api/v1/maintenances", Map.of("title", "Announcement",
                "monitorIds", List.of(byHand), "startsAt", "2030-02-01T02:00:00Z",
                "endsAt", "2030-02-01T03:00:00Z")), 201);
        String exported = source.owner().get("/api/v1/export").body();
        assertThat(exported).doesNotContain("a-webhook-secret").contains("\"key\":\"" + byHand + "\"")
                .contains("{\"env\":\"VIGIL_OPS_HOOK_SECRET\"}", "{\"env\":\"VIGIL_PUBLIC_PASSWORD\"}");
        // What the CLI does with environment references before sending.
        String resolved = exported.replace("{\"env\":\"VIGIL_OPS_HOOK_SECRET\"}", "\"a-webhook-secret-0123456789\"")
                .replace("{\"env\":\"VIGIL_PUBLIC_PASSWORD\"}", "\"a page password\"");
        String slug = JSON.readTree(exported).get("statusPages").get(0).get("slug").asString();
        ApiClient.Response readopted = apply(source.owner(), resolved, "dryRun=true");
        assertThat(actions(readopted)).containsExactly("update monitor " + byHand,
                "update maintenanceWindow " + JSON.readTree(exported).get("maintenanceWindows").get(1).get("key")
                        .asString());
        assertThat(readopted.json().get("changes").valueStream().map(c -> c.get("fields").toString()).distinct())
                .containsExactly("[\"key\"]");

        Tenant target = Tenant.create(port);
        ApiClient.Response taken = apply(target.owner(), resolved, "");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.errorFields()).containsExactly("statusPages[0]");
        // Slugs are unique across Vigil: the copy takes another one.
        String copy = resolved.replace("\"slug\":\"" + slug + "\"", "\"slug\":\"" + slug + "-copy\"");
        ApiClient.Response created = apply(target.owner(), copy, "");

        assertThat(created.status()).as("%s", created).isEqualTo(200);
        assertThat(created.json().get("summary").get("create").asInt()).isEqualTo(11);
        String reexported = target.owner().get("/api/v1/export").body();
        assertThat(JSON.readTree(reexported)).isEqualTo(JSON.readTree(exported.replace("\"slug\":\"" + slug + "\"",
                "\"slug\":\"" + slug + "-copy\"")));
        assertThat(apply(target.owner(), copy, "dryRun=true").json().get("changes").size()).isZero();
    }

    @Test
    void multiStepAndBrowserMonitorsKeepTheirStepsThroughExportAndApply() {
        Tenant source = Tenant.create(port);
        String document = """
                {"version": 1, "monitors": [
                  {"key": "journey", "name": "Journey", "type": "API_STEPS", "steps": [
                    {"name": "log in", "url": "https://api.example.com/login", "method": "POST",
                     "body": "{\\"password\\":\\"{{vars.PASSWORD}}\\"}",
                     "extract": [{"variable": "token", "source": "JSON_PATH", "path": "$.token"}]},
                    {"name": "read", "url": "https://api.example.com/account",
                     "headers": {"Authorization": "Bearer {{token}}"}}]},
                  {"key": "shop", "name": "Shop", "type": "BROWSER", "intervalSeconds": 300, "timeoutMs": 60000,
                   "steps": [{"action": "goto", "value": "https://shop.example.com/"},
                             {"action": "assertTitle", "value": "Shop"}]}]}
                """;
        ApiClient.Response applied = apply(source.owner(), document, "");
        assertThat(applied.status()).as("%s", applied).isEqualTo(200);

        tools.jackson.databind.JsonNode exported = JSON.readTree(source.owner().get("/api/v1/export").body());
        assertThat(exported.get("monitors").get(0).get("steps")).hasSize(2);
        assertThat(exported.get("monitors").get(0).get("steps").get(0).get("extract").get(0).get("variable")
                .asString()).isEqualTo("token");
        assertThat(exported.get("monitors").get(1).get("steps").get(1).get("action").asString())
                .isEqualTo("assertTitle");
        // An unchanged file changes nothing; the export applied to a new workspace makes the same monitors.
        assertThat(apply(source.owner(), exported.toString(), "dryRun=true").json().get("changes").size()).isZero();
        Tenant target = Tenant.create(port);
        assertThat(apply(target.owner(), exported.toString(), "").status()).isEqualTo(200);
        assertThat(JSON.readTree(target.owner().get("/api/v1/export").body()).get("monitors"))
                .isEqualTo(exported.get("monitors"));
    }

    @Test
    void aDocumentCannotReachIntoAnotherWorkspace() {
        Tenant owner = Tenant.create(port);
        String theirs = owner.owner().post("/api/v1/monitors", ApiEndpoints.httpMonitor("Theirs"))
                .json().get("id").asString();
        ApiClient outsider = new ApiClient(port).signUp();

        ApiClient.Response reference = apply(outsider, """
                {"maintenanceWindows": [{"key": "w", "title": "Sneaky", "monitors": ["%s"],
                  "startsAt": "2030-01-01T02:00:00Z", "endsAt": "2030-01-01T03:00:00Z"}]}""".formatted(theirs), "");
        ApiClient.Response adoption = apply(outsider, """
                {"monitors": [{"key": "%s", "name": "Renamed", "type": "TCP", "host": "example.com", "port": 1}]}"""
                .formatted(theirs), "");

        assertThat(reference.status()).isEqualTo(400);
        assertThat(reference.errorFields()).containsExactly("maintenanceWindows[0].monitors[0]");
        assertThat(actions(adoption)).containsExactly("create monitor " + theirs);
        assertThat(owner.owner().get("/api/v1/monitors/" + theirs).json().get("name").asString()).isEqualTo("Theirs");
    }

    @Test
    void viewerKeysCannotApplyNotEvenADryRun() {
        Tenant tenant = Tenant.create(port);

        assertThat(apply(tenant.viewer(), document(), "dryRun=true").status()).isEqualTo(403);
        assertThat(apply(tenant.viewer(), document(), "").status()).isEqualTo(403);
        assertThat(monitors(tenant.workspaceId())).isZero();
    }

    @Test
    void theSchemaIsServed() {
        ApiClient.Response schema = new ApiClient(port).signUp().get("/api/v1/schema/vigil.json");

        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.contentType()).startsWith("application/schema+json");
        assertThat(schema.json().get("properties").get("monitors")).isNotNull();
    }

    @Test
    void tagsAndGroupsAreNamedCreatedWhenMissingComparedAndExported() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String existing = owner.post("/api/v1/tags", Map.of("name", "Production", "color", "#059669")).json()
                .get("id").asString();
        String document = """
                {"version": 1, "monitors": [
                  {"key": "shop", "name": "Shop", "type": "HTTP", "url": "https://example.com/",
                   "tags": ["production", "EU"], "group": "Payments"},
                  {"key": "cron", "name": "Cron", "type": "HEARTBEAT", "periodSeconds": 3600}]}""";

        ApiClient.Response applied = apply(owner, document, "dryRun=false");
        String shop = applied.json().get("changes").get(0).get("id").asString();
        JsonNode monitor = owner.get("/api/v1/monitors/" + shop).json();
        ApiClient.Response again = apply(owner, document, "dryRun=false");
        ApiClient.Response retagged = apply(owner, document.replace("[\"production\", \"EU\"]", "[\"EU\"]"),
                "dryRun=false");

        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        assertThat(monitor.get("tags").valueStream().map(t -> t.get("name").asString()))
                .containsExactlyInAnyOrder("Production", "EU");
        assertThat(monitor.get("tagIds").valueStream().map(JsonNode::asString)).contains(existing);
        JsonNode group = owner.get("/api/v1/monitor-groups/" + monitor.get("groupId").asString()).json();
        assertThat(group.get("name").asString()).isEqualTo("Payments");
        assertThat(again.json().get("summary").get("unchanged").asInt()).isEqualTo(2);
        assertThat(again.json().get("changes")).isEmpty();
        assertThat(retagged.json().get("changes").get(0).get("fields").valueStream().map(JsonNode::asString))
                .containsExactly("tags");
        assertThat(owner.get("/api/v1/monitors/" + shop).json().get("tags").valueStream()
                .map(t -> t.get("name").asString())).containsExactly("EU");
        // The other monitor names no tags or group: it is left as it is.
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE workspace_id = ?").param(tenant.workspaceId())
                .query(Long.class).single()).isEqualTo(2);

        JsonNode exported = owner.get("/api/v1/export").json().get("monitors");
        JsonNode shopSpec = exported.valueStream().filter(m -> m.get("key").asString().equals("shop")).findFirst()
                .orElseThrow();
        assertThat(shopSpec.get("tags").valueStream().map(JsonNode::asString)).containsExactly("EU");
        assertThat(shopSpec.get("group").asString()).isEqualTo("Payments");
        assertThat(exported.valueStream().filter(m -> m.get("key").asString().equals("cron")).findFirst()
                .orElseThrow().has("tags")).isFalse();
    }

    @Test
    void badTagAndGroupNamesAreNamedByTheirPathAndNothingIsWritten() {
        Tenant tenant = Tenant.create(port);
        String document = """
                {"version": 1, "monitors": [
                  {"key": "shop", "name": "Shop", "type": "HTTP", "url": "https://example.com/",
                   "tags": ["ok", "%s", ""], "group": "%s"}]}""".formatted("t".repeat(51), "g".repeat(101));

        ApiClient.Response refused = apply(tenant.owner(), document, "dryRun=false");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("monitors[0].tags[1]", "monitors[0].tags[2]",
                "monitors[0].group");
        assertThat(monitors(tenant.workspaceId())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE workspace_id = ?").param(tenant.workspaceId())
                .query(Long.class).single()).isZero();
    }
}
