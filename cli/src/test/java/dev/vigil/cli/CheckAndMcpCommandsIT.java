package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiApplication;
import dev.vigil.common.testing.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil check} and {@code vigil mcp} against a real api-service (shared test database and SQS server). No
 * probe runs here, so a check's regions do not answer: that is what the table and the exit code must show; the
 * answers of real probes are covered end to end by local-stack's OneShotCheckIT.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ApiApplication.CONFIG_NAMES,
                "vigil.rate-limits.signup.capacity=1000000", "vigil.rate-limits.api-key.capacity=1000000",
                "vigil.api.public-url=https://vigil.test"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class CheckAndMcpCommandsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
    }

    @Test
    void checkPrintsEveryRegionAndFailsWhenARegionDidNotAnswer() throws Exception {
        String key = signUp();

        Run table = vigil(key, "", "check", "http://127.0.0.1:9/health", "--timeout", "200", "--region",
                "local-a");
        Run json = vigil(key, "", "check", "--type", "TCP", "127.0.0.1:9", "--timeout", "200", "--output", "json",
                "--region", "local-b");
        Run noPort = vigil(key, "", "check", "--type", "TCP", "db.example.com");
        Run invalid = vigil(key, "", "check", "ftp://example.com");

        assertThat(table.exit()).as(table.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        List<String> lines = table.out().lines().toList();
        assertThat(lines.getFirst()).matches("REGION +STATUS +TIME +CODE +PHASES +ERROR");
        assertThat(lines.get(1)).startsWith("local-a").contains("NO_ANSWER", "no answer in time");
        assertThat(json.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("type").asString()).isEqualTo("TCP");
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("regions").get(0).get("region").asString()).isEqualTo("local-b");
        assertThat(noPort.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("url:");
    }

    @Test
    void monitorsTriggerRunsTheMonitorNowAndPrintsEveryRegion() throws Exception {
        String key = signUp();
        JsonNode monitor = post("/api/v1/monitors", key, "{\"name\":\"Triggered\",\"type\":\"HTTP\","
                + "\"url\":\"http://127.0.0.1:9/health\",\"timeoutMs\":200,\"regions\":[\"local-a\"]}");
        String id = monitor.get("id").asString();

        Run table = vigil(key, "", "monitors", "trigger", id);
        Run json = vigil(key, "", "monitors", "trigger", id, "--output", "json");
        Run unknown = vigil(key, "", "monitors", "trigger", "00000000-0000-0000-0000-000000000000");

        assertThat(table.exit()).as(table.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        List<String> lines = table.out().lines().toList();
        assertThat(lines.getFirst()).matches("REGION +STATUS +TIME +CODE +PHASES +ERROR");
        assertThat(lines.get(1)).startsWith("local-a").contains("NO_ANSWER");
        assertThat(json.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("monitorId").asString()).isEqualTo(id);
        assertThat(report.get("stored").asBoolean()).isTrue();
        assertThat(unknown.exit()).isNotZero().isNotEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void mcpBridgesStdioJsonRpcToTheServersTools() throws Exception {
        String key = signUp();
        post("/api/v1/monitors", key, "{\"name\":\"Bridged\",\"type\":\"HTTP\",\"url\":\"https://example.com\"}");
        String stdin = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"desktop\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"three\",\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"list_monitors\",\"arguments\":{\"query\":\"Bridged\"}}}",
                "");

        Run run = vigil(key, stdin, "mcp", "--url", url());

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> answers = run.out().lines().map(JSON::readTree).toList();
        assertThat(answers).as("one line per request, none for the notification").hasSize(3);
        assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(answers.get(0).get("result").get("serverInfo").get("name").asString()).isEqualTo("vigil");
        assertThat(answers.get(1).get("result").get("tools").valueStream().map(t -> t.get("name").asString()))
                .contains("list_monitors", "run_check", "create_monitor");
        JsonNode call = answers.get(2);
        assertThat(call.get("id").asString()).isEqualTo("three");
        assertThat(call.get("result").get("isError").asBoolean()).isFalse();
        JsonNode listed = JSON.readTree(call.get("result").get("content").get(0).get("text").asString());
        assertThat(listed.get("items").get(0).get("name").asString()).isEqualTo("Bridged");
    }

    @Test
    void mcpAnswersARefusedKeyAsAJsonRpcError() {
        Run run = vigil("vk_not-a-key", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}\n", "mcp",
                "--url", url());

        assertThat(run.exit()).isZero();
        JsonNode answer = JSON.readTree(run.out().strip());
        assertThat(answer.get("id").asInt()).isEqualTo(7);
        assertThat(answer.get("error").get("message").asString()).contains("401");
    }

    private Run vigil(String key, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCli.run(new CliEnvironment(Map.of("VIGIL_API_KEY", key, "VIGIL_URL", url()),
                home.resolve("config"), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err)), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private String signUp() throws Exception {
        return post("/api/v1/signup", null, "{\"email\":\"check-" + UUID.randomUUID() + "@example.com\","
                + "\"password\":\"a long enough password\",\"workspace\":\"Check workspace\"}")
                .get("apiKey").asString();
    }

    private JsonNode post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return JSON.readTree(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }
}
