package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

    /** docs/api.md's example monitor, every HTTP field set. */
    static final String API_MD_EXAMPLE = """
            {"name": "Homepage", "type": "HTTP",
             "url": "https://example.com/health", "method": "GET", "headers": {"Accept": "application/json"},
             "body": null, "followRedirects": true, "intervalSeconds": 60, "timeoutMs": 10000,
             "regions": ["local-a", "local-b", "local-c"], "confirmations": 1,
             "assertions": [
               {"source": "STATUS_CODE", "comparison": "EQUALS", "target": "200"},
               {"source": "BODY", "comparison": "CONTAINS", "target": "ok"},
               {"source": "JSON_PATH", "path": "$.status", "comparison": "EQUALS", "target": "up"},
               {"source": "HEADER", "path": "content-type", "comparison": "CONTAINS", "target": "json"},
               {"source": "RESPONSE_TIME_MS", "comparison": "LESS_THAN", "target": "2000"}],
             "degradedAboveMs": 1500, "alertChannelIds": [], "paused": false}""";

    private static final tools.jackson.databind.json.JsonMapper WIRE = tools.jackson.databind.json.JsonMapper
            .builder().build();

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
        assertThat(monitor.get("followRedirects").asBoolean()).isTrue();
        assertThat(monitor.get("timeoutMs").asInt()).isEqualTo(10_000);
        JsonNode read = api.get("/api/v1/monitors/" + monitor.get("id").asString()).json();
        assertThat(read.get("url").asString()).isEqualTo("https://example.com/health");
        assertThat(read.has("host")).isFalse();
        assertThat(read.has("pingUrl")).isFalse();
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsApiMdsExampleAsWrittenAndAnswersEveryField() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response created = api.postRaw("/api/v1/monitors", API_MD_EXAMPLE);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode monitor = created.json();
        assertThat(monitor.get("headers").get("Accept").asString()).isEqualTo("application/json");
        assertThat(monitor.get("regions")).hasSize(3);
        assertThat(monitor.get("degradedAboveMs").asInt()).isEqualTo(1500);
        assertThat(monitor.get("assertions")).hasSize(5);
        assertThat(monitor.get("assertions").get(2).get("path").asString()).isEqualTo("$.status");
        assertThat(monitor.get("alertChannelIds")).isEmpty();
        assertThat(monitor.get("paused").asBoolean()).isFalse();
    }

    @Test
    void createsEveryOtherTypeWithItsOwnFieldsAndDefaults() {
        ApiClient api = new ApiClient(port).signUp();

        JsonNode tcp = created(api, Map.of("name", "db", "type", "TCP", "host", "db.example.com", "port", 5432));
        JsonNode dns = created(api, Map.of("name", "mx", "type", "DNS", "host", "_dmarc.example.com",
                "recordType", "txt", "resolver", "[2620:fe::fe]:53", "assertions", List.of(Map.of(
                        "source", "DNS_ANSWER", "comparison", "CONTAINS", "target", "v=DMARC1"))));
        JsonNode tls = created(api, Map.of("name", "cert", "type", "TLS", "host", "example.com"));
        JsonNode plugin = created(api, Map.of("name", "ssh", "type", "PLUGIN", "plugin", "check_ssh",
                "args", List.of("-H", "example.com", "-p", "22"), "intervalSeconds", 300));

        assertThat(tcp.get("host").asString()).isEqualTo("db.example.com");
        assertThat(tcp.get("port").asInt()).isEqualTo(5432);
        assertThat(tcp.has("url")).isFalse();
        assertThat(dns.get("recordType").asString()).isEqualTo("TXT");
        assertThat(dns.get("resolver").asString()).isEqualTo("[2620:fe::fe]:53");
        assertThat(dns.get("assertions").get(0).get("source").asString()).isEqualTo("DNS_ANSWER");
        assertThat(tls.get("port").asInt()).isEqualTo(443);
        assertThat(tls.get("minDaysValid").asInt()).isEqualTo(14);
        assertThat(plugin.get("plugin").asString()).isEqualTo("check_ssh");
        assertThat(plugin.get("args").valueStream().map(JsonNode::asString).toList())
                .containsExactly("-H", "example.com", "-p", "22");
        assertThat(plugin.get("intervalSeconds").asInt()).isEqualTo(300);
        String stored = jdbc.sql("SELECT check_spec::text FROM monitors WHERE id = ?")
                .param(UUID.fromString(plugin.get("id").asString())).query(String.class).single();
        assertThat(WIRE.readTree(stored).get("type").asString()).isEqualTo("PLUGIN");
        assertThat(WIRE.readTree(stored).get("plugin").asString()).isEqualTo("check_ssh");
    }

    @Test
    void aHeartbeatGetsAnUnguessablePingUrlAndIsNeverProbed() {
        ApiClient api = new ApiClient(port).signUp();

        JsonNode heartbeat = created(api, Map.of("name", "Nightly backup", "type", "HEARTBEAT",
                "periodSeconds", 86_400));

        String pingUrl = heartbeat.get("pingUrl").asString();
        String token = jdbc.sql("SELECT ping_token FROM monitors WHERE id = ?")
                .param(UUID.fromString(heartbeat.get("id").asString())).query(String.class).single();
        assertThat(pingUrl).isEqualTo("https://vigil.test/ping/" + token);
        assertThat(token).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(heartbeat.get("intervalSeconds").asInt()).isEqualTo(86_400);
        assertThat(heartbeat.get("graceSeconds").asInt()).isEqualTo(3600);
        assertThat(heartbeat.get("regions")).isEmpty();
        assertThat(heartbeat.has("timeoutMs")).isFalse();
        JsonNode other = created(api, Map.of("name", "Hourly", "type", "HEARTBEAT", "intervalSeconds", 3600));
        assertThat(other.get("periodSeconds").asInt()).isEqualTo(3600);
        assertThat(other.get("graceSeconds").asInt()).isEqualTo(360);
        assertThat(other.get("pingUrl").asString()).isNotEqualTo(pingUrl);
    }

    @Test
    void aLeakedPingUrlCanBeReplaced() {
        ApiClient api = new ApiClient(port).signUp();
        JsonNode heartbeat = created(api, Map.of("name", "Job", "type", "HEARTBEAT", "periodSeconds", 600));
        String id = heartbeat.get("id").asString();

        JsonNode rotated = api.post("/api/v1/monitors/" + id + "/rotate-ping-url").json();
        ApiClient.Response notHeartbeat = api.post("/api/v1/monitors/"
                + created(api, httpMonitor("https://example.com")).get("id").asString() + "/rotate-ping-url");

        assertThat(rotated.get("pingUrl").asString()).startsWith("https://vigil.test/ping/")
                .isNotEqualTo(heartbeat.get("pingUrl").asString());
        assertThat(notHeartbeat.status()).isEqualTo(409);
        assertThat(notHeartbeat.isProblem()).isTrue();
    }

    @Test
    void putReplacesTheDefinitionAndWhatWasReadCanBePutBack() {
        ApiClient api = new ApiClient(port).signUp();
        JsonNode monitor = api.postRaw("/api/v1/monitors", API_MD_EXAMPLE).json();
        String path = "/api/v1/monitors/" + monitor.get("id").asString();

        ApiClient.Response roundTrip = api.send("PUT", path, "application/json", api.get(path).body());
        ApiClient.Response replaced = api.put(path, Map.of("name", "Status API", "type", "HTTP",
                "url", "https://status.example.com/", "method", "POST", "body", "{\"ping\":true}",
                "intervalSeconds", 120));

        assertThat(roundTrip.status()).as("%s", roundTrip).isEqualTo(200);
        assertThat(roundTrip.json().get("assertions")).hasSize(5);
        assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
        JsonNode read = api.get(path).json();
        assertThat(read.get("name").asString()).isEqualTo("Status API");
        assertThat(read.get("method").asString()).isEqualTo("POST");
        assertThat(read.get("body").asString()).isEqualTo("{\"ping\":true}");
        assertThat(read.get("intervalSeconds").asInt()).isEqualTo(120);
        assertThat(read.get("assertions")).isEmpty();
        assertThat(read.get("regions")).hasSize(3);
        assertThat(read.get("createdAt").asString()).isEqualTo(monitor.get("createdAt").asString());
    }

    @Test
    void changingTheTypeToAndFromHeartbeatGivesAndTakesThePingUrl() {
        ApiClient api = new ApiClient(port).signUp();
        String path = "/api/v1/monitors/" + created(api, httpMonitor("https://example.com")).get("id").asString();

        JsonNode heartbeat = api.put(path, Map.of("name", "Now a heartbeat", "type", "HEARTBEAT",
                "periodSeconds", 300)).json();
        JsonNode again = api.put(path, Map.of("name", "Still a heartbeat", "type", "HEARTBEAT",
                "periodSeconds", 600)).json();
        JsonNode tcp = api.put(path, Map.of("name", "Now TCP", "type", "TCP", "host", "10.0.0.1",
                "port", 22)).json();

        assertThat(heartbeat.get("pingUrl").asString()).startsWith("https://vigil.test/ping/");
        assertThat(again.get("pingUrl").asString()).isEqualTo(heartbeat.get("pingUrl").asString());
        assertThat(tcp.has("pingUrl")).isFalse();
        assertThat(jdbc.sql("SELECT ping_token FROM monitors WHERE id = ?::uuid")
                .param(path.substring(path.lastIndexOf('/') + 1)).query(String.class).optional()).isEmpty();
    }

    @Test
    void pauseAndResumeShowInTheStatusAndAPutKeepsThePauseUnlessItSaysOtherwise() {
        ApiClient api = new ApiClient(port).signUp();
        String path = "/api/v1/monitors/" + created(api, httpMonitor("https://example.com")).get("id").asString();

        JsonNode paused = api.post(path + "/pause").json();
        JsonNode pausedTwice = api.post(path + "/pause").json();
        JsonNode afterPut = api.put(path, httpMonitor("https://example.com/renamed")).json();
        JsonNode resumed = api.post(path + "/resume").json();
        JsonNode pausedByPut = api.put(path, withEntry(httpMonitor("https://example.com"), "paused", true)).json();

        assertThat(paused.get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(pausedTwice.get("status").asString()).isEqualTo("PAUSED");
        assertThat(afterPut.get("paused").asBoolean()).isTrue();
        assertThat(resumed.get("status").asString()).isEqualTo("PENDING");
        assertThat(pausedByPut.get("status").asString()).isEqualTo("PAUSED");
        assertThat(created(api, withEntry(httpMonitor("https://example.com"), "paused", true))
                .get("status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void theStatusIsTheAlertingServicesAndAnEditNeverOverwritesIt() {
        ApiClient api = new ApiClient(port).signUp();
        String id = created(api, httpMonitor("https://example.com")).get("id").asString();
        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?::uuid").param(id).update();

        JsonNode edited = api.put("/api/v1/monitors/" + id, httpMonitor("https://example.com/other")).json();

        assertThat(edited.get("status").asString()).isEqualTo("DOWN");
        assertThat(jdbc.sql("SELECT status FROM monitors WHERE id = ?::uuid").param(id).query(String.class).single())
                .isEqualTo("DOWN");
    }

    @Test
    void deleteRemovesTheMonitorAndItsChannelLinks() {
        Tenant tenant = Tenant.create(port);
        UUID channel = tenant.addAlertChannel(jdbc, "Ops mail");
        String id = created(tenant.owner(), withEntry(httpMonitor("https://example.com"), "alertChannelIds",
                List.of(channel))).get("id").asString();

        ApiClient.Response deleted = tenant.owner().delete("/api/v1/monitors/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(tenant.owner().get("/api/v1/monitors/" + id).status()).isEqualTo(404);
        assertThat(tenant.owner().delete("/api/v1/monitors/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM monitor_alert_channels WHERE monitor_id = ?::uuid").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void alertChannelsAreLinkedStoredReturnedAndReplaced() {
        Tenant tenant = Tenant.create(port);
        UUID mail = tenant.addAlertChannel(jdbc, "Mail");
        UUID hook = tenant.addAlertChannel(jdbc, "Webhook");
        JsonNode monitor = created(tenant.owner(), withEntry(httpMonitor("https://example.com"), "alertChannelIds",
                List.of(mail, hook, mail)));
        String path = "/api/v1/monitors/" + monitor.get("id").asString();

        JsonNode replaced = tenant.owner().put(path, withEntry(httpMonitor("https://example.com"), "alertChannelIds",
                List.of(hook))).json();
        jdbc.sql("DELETE FROM alert_channels WHERE id = ?").param(hook).update();

        assertThat(ids(monitor.get("alertChannelIds"))).containsExactly(mail.toString(), hook.toString());
        assertThat(ids(replaced.get("alertChannelIds"))).containsExactly(hook.toString());
        assertThat(tenant.owner().get(path).json().get("alertChannelIds")).isEmpty();
    }

    @Test
    void pagesAreStableAndCounted() {
        ApiClient api = new ApiClient(port).signUp();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created(api, httpMonitor("https://example.com/" + i)).get("id").asString());
        }

        JsonNode first = api.get("/api/v1/monitors?page=0&size=2").json();
        JsonNode third = api.get("/api/v1/monitors?page=2&size=2").json();
        JsonNode beyond = api.get("/api/v1/monitors?page=9&size=2").json();

        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(ids(first.get("items"), "id")).containsExactly(ids.get(0), ids.get(1));
        assertThat(ids(third.get("items"), "id")).containsExactly(ids.get(4));
        assertThat(beyond.get("items")).isEmpty();
        assertThat(api.get("/api/v1/monitors?size=500").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors?page=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors?page=abc").errorFields()).containsExactly("page");
    }

    @Test
    void aFullPagesNextCursorGivesThePageThatFollows() {
        ApiClient api = new ApiClient(port).signUp();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created(api, httpMonitor("https://example.com/" + i)).get("id").asString());
        }

        JsonNode first = api.get("/api/v1/monitors?size=2").json();
        JsonNode second = api.get("/api/v1/monitors?size=2&after=" + first.get("next").asString()).json();
        // The monitor a cursor ends at may go meanwhile: the cursor still says where the page ended.
        assertThat(api.delete("/api/v1/monitors/" + ids.get(3)).status()).isEqualTo(204);
        JsonNode last = api.get("/api/v1/monitors?size=2&after=" + second.get("next").asString()).json();

        assertThat(ids(first.get("items"), "id")).containsExactly(ids.get(0), ids.get(1));
        assertThat(ids(second.get("items"), "id")).containsExactly(ids.get(2), ids.get(3));
        assertThat(second.get("total").asInt()).isEqualTo(5);
        assertThat(ids(last.get("items"), "id")).containsExactly(ids.get(4));
        assertThat(last.has("next")).as("a short page is the last").isFalse();
        assertThat(api.get("/api/v1/monitors?size=2&q=example.com/4&after=" + first.get("next").asString()).json()
                .get("items").size()).as("filters apply after the cursor too").isEqualTo(1);
        assertThat(api.get("/api/v1/monitors?after=bm90LWEtY3Vyc29y").errorFields()).containsExactly("after");
        assertThat(api.get("/api/v1/monitors?after=%25%25").errorFields()).containsExactly("after");
        assertThat(api.get("/api/v1/monitors?page=1&after=" + first.get("next").asString()).errorFields())
                .containsExactly("after");
        // Another workspace's cursor only says where to start: it shows nothing of theirs.
        ApiClient other = new ApiClient(port).signUp();
        assertThat(other.get("/api/v1/monitors?after=" + first.get("next").asString()).json().get("items"))
                .isEmpty();
    }

    @Test
    void aViewerSeesMonitorsButNotTheSecretsInThem() {
        Tenant tenant = Tenant.create(port);
        Map<String, Object> http = withEntry(withEntry(httpMonitor("https://example.com"), "headers",
                Map.of("Authorization", "Bearer s3cr3t", "Accept", "text/plain")), "method", "POST");
        String id = created(tenant.owner(), withEntry(http, "body", "{\"password\":\"b0dys3cr3t\"}"))
                .get("id").asString();
        String plugin = created(tenant.owner(), Map.of("name", "db", "type", "PLUGIN", "plugin", "check_pgsql",
                "args", List.of("--password", "4rgs3cr3t"))).get("id").asString();

        JsonNode seenByViewer = tenant.viewer().get("/api/v1/monitors/" + id).json();
        JsonNode seenByAdmin = tenant.teammate().get("/api/v1/monitors/" + id).json();

        assertThat(seenByViewer.get("headers").get("Authorization").asString()).isEqualTo("(redacted)");
        assertThat(seenByViewer.get("body").asString()).isEqualTo("(redacted)");
        assertThat(tenant.viewer().get("/api/v1/monitors/" + plugin).json().get("args")).hasSize(2);
        assertThat(tenant.viewer().get("/api/v1/monitors").body()).doesNotContain("s3cr3t");
        assertThat(seenByAdmin.get("headers").get("Authorization").asString()).isEqualTo("Bearer s3cr3t");
        assertThat(seenByAdmin.get("body").asString()).contains("b0dys3cr3t");
    }

    /**
     * A create writes its row with JDBC and builds its answer from what it wrote (issue 16): the answer must be what
     * a read of the stored monitor shows, field for field, with every column a create can set in use: links in the
     * channels' order (not the request's), tags by name with their colours, a group, noise settings, a pause, and a
     * heartbeat's ping URL.
     */
    @Test
    void aCreatedMonitorIsAnsweredExactlyAsItReadsBack() {
        Tenant tenant = Tenant.create(port);
        ApiClient api = tenant.owner();
        UUID mail = tenant.addAlertChannel(jdbc, "Mail");
        UUID hook = tenant.addAlertChannel(jdbc, "Webhook");
        String zulu = Tenant.require(api.post("/api/v1/tags", Map.of("name", "zulu", "color", "#DC2626")), 201).json()
                .get("id").asString();
        String alpha = Tenant.require(api.post("/api/v1/tags", Map.of("name", "Alpha")), 201).json().get("id")
                .asString();
        String group = Tenant.require(api.post("/api/v1/monitor-groups", Map.of("name", "Checkout")), 201).json()
                .get("id").asString();
        Map<String, Object> http = new HashMap<>(httpMonitor("https://example.com/health"));
        http.putAll(Map.of("alertChannelIds", List.of(hook, mail), "tagIds", List.of(zulu, alpha), "groupId", group,
                "paused", true, "degradedAboveMs", 800, "noise", Map.of("failuresInRow", 3, "flapDetection", true)));
        Map<String, Object> heartbeat = Map.of("name", "Nightly", "type", "HEARTBEAT", "periodSeconds", 86_400,
                "alertChannelIds", List.of(mail));

        for (Map<String, Object> request : List.of(http, heartbeat)) {
            JsonNode created = created(api, request);

            JsonNode read = api.get("/api/v1/monitors/" + created.get("id").asString()).json();
            assertThat(created).isEqualTo(read);
        }
        JsonNode first = api.get("/api/v1/monitors").json().get("items").get(0);
        assertThat(ids(first.get("alertChannelIds"))).containsExactly(mail.toString(), hook.toString());
        assertThat(ids(first.get("tags"), "name")).containsExactly("Alpha", "zulu");
        assertThat(first.get("groupId").asString()).isEqualTo(group);
        assertThat(first.get("status").asString()).isEqualTo("PAUSED");
        assertThat(first.get("noise").get("failuresInRow").asInt()).isEqualTo(3);
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
        assertThat(response.errorFields()).contains("name", "url", "intervalSeconds", "regions");
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

    private static JsonNode created(ApiClient api, Map<String, ?> monitor) {
        return Tenant.require(api.post("/api/v1/monitors", monitor), 201).json();
    }

    static Map<String, Object> withEntry(Map<String, ?> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> ids(JsonNode array, String field) {
        return array.valueStream().map(n -> n.get(field).asString()).toList();
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
