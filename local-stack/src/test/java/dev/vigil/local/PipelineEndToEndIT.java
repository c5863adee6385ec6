package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline, every part real: PostgreSQL (a fresh database the services migrate), ElasticMQ, the four services
 * and three probe regions, and an HTTP target on loopback. A monitor created through the public API gets ok results
 * from the regions.
 */
class PipelineEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static LocalStack stack;
    private static HttpServer target;
    private static final AtomicInteger targetHits = new AtomicInteger();

    @BeforeAll
    static void startEverything() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            targetHits.incrementAndGet();
            byte[] body = "{\"status\":\"up\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), 0, 0,
                LocalStackOptions.LOCAL_REGIONS, Map.of("vigil.sqs.wait-time", "1s")));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aMonitorCreatedThroughTheApiGetsOkResultsFromSeveralRegions() throws Exception {
        JsonNode signup = call("POST", "/api/v1/signup", null, Map.of("email", "e2e-" + UUID.randomUUID()
                + "@example.com", "password", "end to end password", "workspace", "E2E"));
        String key = signup.get("apiKey").asString();
        JsonNode monitor = call("POST", "/api/v1/monitors", key, Map.of("name", "Loopback target", "type", "HTTP",
                "url", "http://127.0.0.1:" + target.getAddress().getPort() + "/health", "intervalSeconds", 5,
                "regions", LocalStackOptions.LOCAL_REGIONS));
        String monitorId = monitor.get("id").asString();

        Set<String> okRegions = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode items = call("GET", "/api/v1/monitors/" + monitorId + "/results", key, null).get("items");
            items.valueStream().filter(r -> r.get("ok").asBoolean())
                    .forEach(r -> okRegions.add(r.get("region").asString()));
            return okRegions.size() >= 2;
        });

        assertThat(okRegions).isSubsetOf(LocalStackOptions.LOCAL_REGIONS);
        assertThat(targetHits.get()).isGreaterThanOrEqualTo(2);
        JsonNode first = call("GET", "/api/v1/monitors/" + monitorId + "/results?limit=1", key, null)
                .get("items").get(0);
        assertThat(first.get("statusCode").asInt()).isEqualTo(200);
        assertThat(first.get("kind").asString()).isEqualTo("SCHEDULED");
        assertThat(List.of("local-a", "local-b", "local-c")).contains(first.get("region").asString());
    }

    private static JsonNode call(String method, String path, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
