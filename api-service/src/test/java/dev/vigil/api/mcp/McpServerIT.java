package dev.vigil.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server as an assistant reaches it: the SDK's own client over Streamable HTTP against the running api-service
 * (random port, real PostgreSQL), authenticated by API keys of two workspaces and a VIEWER key.
 */
@ApiServiceTest
class McpServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TOOLS = List.of("list_monitors", "get_monitor_results", "get_monitor_uptime",
            "create_monitor", "update_monitor", "pause_monitor", "resume_monitor", "list_incidents",
            "acknowledge_incident", "post_incident_update", "create_maintenance_window", "run_check",
            "list_on_call_rotations", "list_on_call_overrides", "create_on_call_override", "delete_on_call_override");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private McpSyncClient owner;
    private McpSyncClient viewer;

    @BeforeEach
    void connect() {
        tenant = Tenant.create(port);
        owner = client(tenant.owner().key());
        viewer = client(tenant.viewer().key());
    }

    @AfterEach
    void disconnect() {
        owner.close();
        viewer.close();
    }

    @Test
    void listsEveryToolWithADescriptionForAModelAndAnArgumentSchema() {
        McpSchema.InitializeResult init = owner.getCurrentInitializationResult();
        assertThat(init.serverInfo().name()).isEqualTo("vigil");
        assertThat(init.instructions()).contains("list_monitors");

        List<McpSchema.Tool> tools = owner.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(80).contains("Return");
            assertThat(tool.inputSchema().get("type")).isEqualTo("object");
            assertThat(tool.annotations().readOnlyHint()).as(tool.name())
                    .isEqualTo(tool.name().startsWith("list_") || tool.name().startsWith("get_"));
        }
        assertThat(viewer.listTools().tools()).hasSameSizeAs(tools);
    }

    @Test
    void createsListsUpdatesPausesAndResumesAMonitorAndReadsItsResultsAndUptime() {
        JsonNode created = ok(owner, "create_monitor", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://shop.example.com/health", "regions", List.of("local-a", "local-b")));
        String id = created.get("id").asString();
        assertThat(created.get("status").asString()).isEqualTo("PENDING");

        JsonNode found = ok(viewer, "list_monitors", Map.of("query", "shop.example"));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(ok(viewer, "list_monitors", Map.of("query", "nothing-like-it")).get("total").asInt()).isZero();

        JsonNode updated = ok(owner, "update_monitor", Map.of("monitorId", id, "intervalSeconds", 300));
        assertThat(updated.get("intervalSeconds").asInt()).isEqualTo(300);
        assertThat(updated.get("name").asString()).as("fields not given are kept").isEqualTo("Shop");
        assertThat(updated.get("regions").size()).isEqualTo(2);

        assertThat(ok(owner, "pause_monitor", Map.of("monitorId", id)).get("status").asString()).isEqualTo("PAUSED");
        assertThat(jdbc.sql("SELECT paused FROM monitors WHERE id = ?").param(UUID.fromString(id))
                .query(Boolean.class).single()).isTrue();
        assertThat(ok(owner, "resume_monitor", Map.of("monitorId", id)).get("paused").asBoolean()).isFalse();

        assertThat(ok(viewer, "get_monitor_results", Map.of("monitorId", id, "limit", 5)).get("items").isArray())
                .isTrue();
        JsonNode uptime = ok(viewer, "get_monitor_uptime", Map.of("monitorId", id, "window", "7d"));
        assertThat(uptime.get("window").asString()).isEqualTo("7d");
    }

    @Test
    void createsMonitorsOfTheNetworkAndServiceTypesAndChangesTheirNoiseSettings() {
        Map<String, Map<String, Object>> byType = Map.of(
                "PING", Map.of("host", "ping.example.com", "packetCount", 5),
                "UDP", Map.of("host", "ntp.example.com", "port", 123, "payload", "hello"),
                "DOMAIN", Map.of("host", "example.com", "minDaysValid", 20),
                "SMTP", Map.of("host", "mail.example.com", "port", 587, "tlsMode", "STARTTLS"),
                "WEBSOCKET", Map.of("url", "wss://ws.example.com/feed", "send", "ping", "expect", "pong"),
                "GRPC", Map.of("host", "grpc.example.com", "port", 443, "service", "payments.v1.Payments",
                        "tls", true),
                "DATABASE", Map.of("engine", "POSTGRESQL", "host", "db.example.com", "database", "shop",
                        "username", "monitor", "password", "{{vars.DB_PASSWORD}}", "query", "SELECT 1"));
        for (var entry : byType.entrySet()) {
            Map<String, Object> args = new java.util.HashMap<>(entry.getValue());
            args.put("name", entry.getKey() + " monitor");
            args.put("type", entry.getKey());
            JsonNode created = ok(owner, "create_monitor", args);
            assertThat(created.get("type").asString()).isEqualTo(entry.getKey());
            entry.getValue().forEach((field, value) -> assertThat(created.get(field).asString())
                    .as(entry.getKey() + "." + field).isEqualTo(String.valueOf(value)));
        }
        String id = ok(viewer, "list_monitors", Map.of("type", List.of("GRPC"))).get("items").get(0).get("id")
                .asString();

        JsonNode quieter = ok(owner, "update_monitor", Map.of("monitorId", id, "noise",
                Map.of("failuresInRow", 3, "recoveryRounds", 2, "flapDetection", false)));
        String refused = error(viewer, "update_monitor", Map.of("monitorId", id, "noise",
                Map.of("failuresInRow", 1)));
        String outOfBounds = error(owner, "update_monitor", Map.of("monitorId", id, "noise",
                Map.of("failuresInRow", 11)));
        JsonNode reset = ok(owner, "update_monitor", Map.of("monitorId", id, "noise", Map.of()));

        assertThat(quieter.get("noise").get("failuresInRow").asInt()).isEqualTo(3);
        assertThat(quieter.get("noise").get("flapDetection").asBoolean()).isFalse();
        assertThat(quieter.get("service").asString()).as("other fields kept").isEqualTo("payments.v1.Payments");
        assertThat(refused).contains("VIEWER");
        assertThat(outOfBounds).contains("noise.failuresInRow");
        assertThat(reset.has("noise")).as("back to the deployment's").isFalse();
        // A one-shot check has no password (no workspace variables reach it): not even in the tool's schema.
        assertThat(error(owner, "run_check", Map.of("type", "DATABASE", "engine", "REDIS", "host",
                "cache.example.com", "password", "{{vars.REDIS}}"))).contains("'password' is not defined");
        assertThat(error(owner, "run_check", Map.of("type", "WEBSOCKET", "url", "ftp://ws.example.com")))
                .contains("url:");
    }

    @Test
    void badArgumentsAreToolErrorsThatNameWhatToFix() {
        String invalid = error(owner, "create_monitor", Map.of("name", "", "type", "HTTP", "url", "ftp://x"));
        assertThat(invalid).contains("name:").contains("url:");
        assertThat(error(owner, "create_monitor", Map.of("name", "x", "type", "HTTP", "url", "https://x.example",
                "colour", "red"))).contains("colour");
        assertThat(error(owner, "pause_monitor", Map.of("monitorId", "not-an-id"))).contains("monitorId");
        assertThat(error(owner, "pause_monitor", Map.of("monitorId", UUID.randomUUID().toString())))
                .containsIgnoringCase("not found");
        assertThat(error(owner, "get_monitor_uptime", Map.of("monitorId", UUID.randomUUID().toString(),
                "window", "1y"))).contains("window");
        assertThat(error(owner, "run_check", Map.of("type", "HTTP", "url", "gopher://x", "regions",
                List.of("mars")))).contains("url:").contains("regions:");
        assertThat(jdbc.sql("SELECT count(*) FROM monitors WHERE workspace_id = ?").param(tenant.workspaceId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aViewerKeyReadsButEveryChangingToolIsRefused() {
        String id = ok(owner, "create_monitor", Map.of("name", "Api", "type", "TCP", "host", "db.example.com",
                "port", 5432)).get("id").asString();
        UUID incident = tenant.addOpenIncident(jdbc, UUID.fromString(id));

        Map<String, Map<String, Object>> changes = Map.of(
                "create_monitor", Map.of("name", "X", "type", "TCP", "host", "x.example.com", "port", 1),
                "update_monitor", Map.of("monitorId", id, "name", "Renamed"),
                "pause_monitor", Map.of("monitorId", id),
                "resume_monitor", Map.of("monitorId", id),
                "acknowledge_incident", Map.of("incidentId", incident.toString()),
                "post_incident_update", Map.of("incidentId", incident.toString(), "status", "identified",
                        "message", "x"),
                "create_maintenance_window", Map.of("title", "X", "startsAt", "2030-01-01T00:00:00Z",
                        "endsAt", "2030-01-01T01:00:00Z"),
                "run_check", Map.of("type", "HTTP", "url", "https://example.com"),
                "create_on_call_override", Map.of("rotationId", UUID.randomUUID().toString(), "member",
                        tenant.ownerEmail(), "startsAt", "2030-01-01T00:00:00Z", "endsAt", "2030-01-01T01:00:00Z"),
                "delete_on_call_override", Map.of("rotationId", UUID.randomUUID().toString(), "overrideId",
                        UUID.randomUUID().toString()));
        changes.forEach((tool, args) -> assertThat(error(viewer, tool, args)).as(tool).contains("VIEWER")
                .contains("ADMIN or OWNER"));

        assertThat(ok(viewer, "list_incidents", Map.of()).get("items").size()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT name || paused FROM monitors WHERE workspace_id = ?").param(tenant.workspaceId())
                .query(String.class).list()).containsExactly("Apifalse");
        assertThat(jdbc.sql("SELECT count(*) FROM maintenance_windows WHERE workspace_id = ?")
                .param(tenant.workspaceId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT acknowledged_at IS NULL FROM incidents WHERE id = ?").param(incident)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void anotherWorkspacesMonitorsAndIncidentsAreOutOfReach() {
        String id = ok(owner, "create_monitor", Map.of("name", "Private", "type", "HTTP",
                "url", "https://private.example.com")).get("id").asString();
        UUID incident = tenant.addOpenIncident(jdbc, UUID.fromString(id));
        Tenant other = Tenant.create(port);
        try (McpSyncClient outsider = client(other.owner().key())) {
            assertThat(ok(outsider, "list_monitors", Map.of()).get("total").asInt()).isZero();
            assertThat(ok(outsider, "list_incidents", Map.of()).get("items").isEmpty()).isTrue();
            assertThat(error(outsider, "get_monitor_results", Map.of("monitorId", id)))
                    .containsIgnoringCase("not found");
            assertThat(error(outsider, "pause_monitor", Map.of("monitorId", id))).containsIgnoringCase("not found");
            assertThat(error(outsider, "update_monitor", Map.of("monitorId", id, "name", "Mine")))
                    .containsIgnoringCase("not found");
            assertThat(error(outsider, "acknowledge_incident", Map.of("incidentId", incident.toString())))
                    .containsIgnoringCase("not found");
            assertThat(error(outsider, "create_maintenance_window", Map.of("title", "Theirs",
                    "monitorIds", List.of(id), "startsAt", "2030-01-01T00:00:00Z", "endsAt", "2030-01-01T01:00:00Z")))
                    .contains("monitorIds");
        }
        assertThat(jdbc.sql("SELECT name || paused FROM monitors WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo("Privatefalse");
    }

    @Test
    void acknowledgesAnIncidentPostsAStatusUpdateAndSchedulesMaintenance() {
        String id = ok(owner, "create_monitor", Map.of("name", "Checkout", "type", "HTTP",
                "url", "https://checkout.example.com")).get("id").asString();
        UUID incident = tenant.addOpenIncident(jdbc, UUID.fromString(id));

        JsonNode open = ok(owner, "list_incidents", Map.of("status", "OPEN", "monitorId", id));
        assertThat(open.get("items").get(0).get("id").asString()).isEqualTo(incident.toString());
        JsonNode acknowledged = ok(owner, "acknowledge_incident", Map.of("incidentId", incident.toString()));
        assertThat(acknowledged.get("acknowledgedAt").isNull()).isFalse();

        JsonNode update = ok(owner, "post_incident_update", Map.of("incidentId", incident.toString(),
                "status", "identified", "message", "A bad deploy; rolling back."));
        assertThat(update.get("message").asString()).isEqualTo("A bad deploy; rolling back.");
        assertThat(error(owner, "post_incident_update", Map.of("incidentId", incident.toString(),
                "status", "guessing", "message", "x"))).contains("status");

        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode window = ok(owner, "create_maintenance_window", Map.of("title", "Database upgrade",
                "monitorIds", List.of(id), "startsAt", start.toString(),
                "endsAt", start.plus(2, ChronoUnit.HOURS).toString()));
        assertThat(window.get("monitorIds").get(0).asString()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM maintenance_windows WHERE workspace_id = ?")
                .param(tenant.workspaceId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void tellsWhoIsOnCallAndLetsATeammateCoverByAddress() {
        String rotation = tenant.owner().post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "WEEKLY", "startsAt", "2026-01-05T09:00:00Z", "timeZone", "Europe/Berlin",
                "memberIds", List.of(tenant.teammateId().toString()))).json().get("id").asString();

        JsonNode rotations = ok(viewer, "list_on_call_rotations", Map.of());
        JsonNode primary = rotations.get("items").get(0);
        assertThat(primary.get("name").asString()).isEqualTo("Primary");
        assertThat(primary.at("/onCallNow/id").asString()).isEqualTo(tenant.teammateId().toString());
        assertThat(primary.at("/onCallNow/email").asString()).startsWith("teammate-");
        assertThat(primary.get("onCallOverrideId").isNull()).isTrue();

        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = ok(owner, "create_on_call_override", Map.of("rotationId", rotation,
                "member", tenant.ownerEmail().toUpperCase(java.util.Locale.ROOT), "startsAt", start.toString(),
                "endsAt", start.plus(3, ChronoUnit.HOURS).toString(), "note", "Covering the night"));
        String override = created.get("id").asString();
        JsonNode now = ok(viewer, "list_on_call_rotations", Map.of()).get("items").get(0);
        assertThat(now.at("/onCallNow/email").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(now.get("onCallOverrideId").asString()).isEqualTo(override);
        assertThat(now.at("/nextHandover/member/id").asString()).isEqualTo(tenant.teammateId().toString());
        JsonNode listed = ok(viewer, "list_on_call_overrides", Map.of("rotationId", rotation));
        assertThat(listed.at("/items/0/member/email").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(listed.at("/items/0/note").asString()).isEqualTo("Covering the night");

        assertThat(error(owner, "create_on_call_override", Map.of("rotationId", rotation, "member",
                "nobody@example.com", "startsAt", start.toString(), "endsAt", start.plusSeconds(60).toString())))
                .contains("member").contains("nobody@example.com");
        assertThat(error(owner, "create_on_call_override", Map.of("rotationId", rotation, "member",
                tenant.ownerEmail(), "startsAt", start.toString(), "endsAt", start.minusSeconds(60).toString())))
                .contains("endsAt");
        Tenant other = Tenant.create(port);
        try (McpSyncClient outsider = client(other.owner().key())) {
            assertThat(ok(outsider, "list_on_call_rotations", Map.of()).get("items").isEmpty()).isTrue();
            assertThat(error(outsider, "list_on_call_overrides", Map.of("rotationId", rotation)))
                    .containsIgnoringCase("not found");
            assertThat(error(outsider, "delete_on_call_override", Map.of("rotationId", rotation,
                    "overrideId", override))).containsIgnoringCase("not found");
        }

        assertThat(ok(owner, "delete_on_call_override", Map.of("rotationId", rotation, "overrideId", override))
                .get("deleted").asString()).isEqualTo(override);
        assertThat(ok(viewer, "list_on_call_rotations", Map.of()).at("/items/0/onCallNow/id").asString())
                .isEqualTo(tenant.teammateId().toString());
    }

    @Test
    void aRequestWithoutAValidKeyIsRefusedBeforeAnyTool() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
        for (String key : new String[] {null, "vk_not-a-key"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
    }

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("vigil-test", "1")).build();
        client.initialize();
        return client;
    }

    private static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = text(result);
        assertThat(result.isError()).as(tool + ": " + text).isFalse();
        return JSON.readTree(text);
    }

    private static String error(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + " should fail: " + text(result)).isTrue();
        return text(result);
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }
}
