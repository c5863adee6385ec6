package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-shot checks and "run now" through the whole reply path, every part real: the api sends a job per region on
 * ElasticMQ, the three local probes run it against a loopback target (through their SSRF guard), the alerting
 * service's ingest stores the answers in PostgreSQL, and the api answers them per region.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OwnStack
class OneShotCheckIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static LocalStack stack;
    private static HttpServer target;
    private static final AtomicInteger healthHits = new AtomicInteger();
    private static String ownerKey;

    @BeforeAll
    static void startEverything() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            healthHits.incrementAndGet();
            respond(exchange, 200, "{\"status\":\"up\"}");
        });
        target.createContext("/broken", exchange -> respond(exchange, 503, "{\"status\":\"down\"}"));
        target.start();
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), 0, 0,
                LocalStackOptions.LOCAL_REGIONS, Map.of("vigil.sqs.wait-time", "1s",
                "vigil.rate-limits.one-shot-check.capacity", "6",
                "vigil.rate-limits.one-shot-check.refill-every", "1h")));
        ownerKey = TestApi.call(stack, "POST", "/api/v1/signup", null, Map.of("email", "one-shot-" + UUID.randomUUID()
                + "@example.com", "password", "one shot password", "workspace", "One shot"))
                .get("apiKey").asString();
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
    @Order(1)
    void answersEveryRegionsResultWithPhasesAndCreatesNoMonitor() throws Exception {
        int hitsBefore = healthHits.get();
        long started = System.nanoTime();
        JsonNode report = TestApi.call(stack, "POST", "/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", url("/health"),
                "assertions", List.of(Map.of("source", "STATUS_CODE", "comparison", "EQUALS", "target", "200"))));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("stored").asBoolean()).isFalse();
        assertThat(report.get("type").asString()).isEqualTo("HTTP");
        JsonNode regions = report.get("regions");
        assertThat(regions.valueStream().map(r -> r.get("region").asString()).toList())
                .isEqualTo(LocalStackOptions.LOCAL_REGIONS);
        for (JsonNode region : regions) {
            assertThat(region.get("status").asString()).isEqualTo("UP");
            assertThat(region.get("statusCode").asInt()).isEqualTo(200);
            assertThat(region.get("timings").get("connectMs").isNumber()).isTrue();
            assertThat(region.get("timings").get("firstByteMs").isNumber()).isTrue();
            assertThat(region.get("assertions").get(0).get("passed").asBoolean()).isTrue();
        }
        assertThat(healthHits.get() - hitsBefore).isEqualTo(3);
        // The default timeout (10 s) + 5 s bounds the wait; a loaded machine may take part of it.
        assertThat(tookMs).as("answered within timeout + 5 s").isLessThan(16_000);
        assertThat(TestApi.call(stack, "GET", "/api/v1/monitors", ownerKey, null).get("items").isEmpty()).isTrue();
        assertThat(count("SELECT count(*) FROM one_shot_checks")).as("nothing kept once answered").isZero();
        assertThat(count("SELECT count(*) FROM check_results")).isZero();
    }

    @Test
    @Order(2)
    void aFailingTargetIsDownWithItsCauseAndTheCloudMetadataAddressIsRefusedByTheProbes() throws Exception {
        JsonNode broken = TestApi.call(stack, "POST", "/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", url("/broken"), "regions", List.of("local-a")));
        JsonNode answer = broken.get("regions").get(0);
        assertThat(broken.get("regions").size()).isEqualTo(1);
        assertThat(answer.get("status").asString()).isEqualTo("DOWN");
        assertThat(answer.get("statusCode").asInt()).isEqualTo(503);
        assertThat(answer.get("error").asString()).contains("503");

        JsonNode metadata = TestApi.call(stack, "POST", "/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", "http://169.254.169.254/latest/meta-data/", "regions", List.of("local-b")));
        JsonNode refused = metadata.get("regions").get(0);
        assertThat(refused.get("status").asString()).isEqualTo("DOWN");
        assertThat(refused.get("errorKind").asString()).isEqualTo("BLOCKED");
    }

    @Test
    @Order(3)
    void badSpecsAreRefusedLikeAMonitorsAndViewersCannotRunChecks() throws Exception {
        HttpResponse<String> invalid = post("/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", "ftp://example.com", "timeoutMs", 999_999, "regions", List.of("mars")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(invalid.body());
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("url", "timeoutMs", "regions");

        HttpResponse<String> heartbeat = post("/api/v1/checks/run", ownerKey, Map.of("type", "HEARTBEAT"));
        assertThat(heartbeat.statusCode()).isEqualTo(400);
        HttpResponse<String> named = post("/api/v1/checks/run", ownerKey, Map.of("type", "HTTP", "name", "x",
                "url", url("/health")));
        assertThat(named.statusCode()).as("fields of a stored monitor are unknown here").isEqualTo(400);

        String viewerKey = TestApi.call(stack, "POST", "/api/v1/api-keys", ownerKey, Map.of("name", "viewer",
                "role", "VIEWER")).get("key").asString();
        HttpResponse<String> viewer = post("/api/v1/checks/run", viewerKey, Map.of("type", "HTTP",
                "url", url("/health")));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM one_shot_checks")).isZero();
    }

    @Test
    @Order(4)
    void runNowAnswersEveryRegionOfTheMonitorAndKeepsTheResultsInItsHistory() throws Exception {
        String monitorId = TestApi.call(stack, "POST", "/api/v1/monitors", ownerKey, Map.of("name", "Run now",
                "type", "HTTP", "url", url("/health"), "intervalSeconds", 3600,
                "regions", List.of("local-a", "local-c"))).get("id").asString();

        JsonNode report = TestApi.call(stack, "POST", "/api/v1/monitors/" + monitorId + "/trigger", ownerKey, null);

        assertThat(report.get("monitorId").asString()).isEqualTo(monitorId);
        assertThat(report.get("stored").asBoolean()).isTrue();
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("regions").valueStream().map(r -> r.get("region").asString() + ":"
                + r.get("status").asString()).toList()).containsExactly("local-a:UP", "local-c:UP");
        JsonNode history = TestApi.call(stack, "GET", "/api/v1/monitors/" + monitorId + "/results", ownerKey, null)
                .get("items");
        assertThat(history.valueStream().filter(r -> r.get("kind").asString().equals("ON_DEMAND")).count())
                .isGreaterThanOrEqualTo(2);

        String outsider = TestApi.call(stack, "POST", "/api/v1/signup", null, Map.of("email", "outsider-"
                + UUID.randomUUID() + "@example.com", "password", "outsider password", "workspace", "Other"))
                .get("apiKey").asString();
        assertThat(post("/api/v1/monitors/" + monitorId + "/trigger", outsider, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aWorkspaceThatRanItsAllowanceIsToldWhenToRetry() throws Exception {
        // No refill in this test (one an hour): one token left, so one check passes and the next is refused.
        execute("UPDATE rate_limit_buckets SET tokens = 1 WHERE limit_name = 'one-shot-check'");
        TestApi.call(stack, "POST", "/api/v1/checks/run", ownerKey, Map.of("type", "TCP", "host", "127.0.0.1",
                "port", target.getAddress().getPort(), "regions", List.of("local-a")));
        HttpResponse<String> refused = post("/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", url("/health")));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(6)
    void aRegionThatDoesNotAnswerInTimeIsListedAsSuch() throws Exception {
        execute("UPDATE rate_limit_buckets SET tokens = 6");  // a fresh allowance, without waiting an hour
        stack.probe("local-c").close();  // no probe reads local-c's queues any more

        long started = System.nanoTime();
        JsonNode report = TestApi.call(stack, "POST", "/api/v1/checks/run", ownerKey, Map.of("type", "HTTP",
                "url", url("/health"), "timeoutMs", 3000, "regions", List.of("local-a", "local-c")));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("regions").valueStream().map(r -> r.get("region").asString() + ":"
                + r.get("status").asString()).toList()).containsExactly("local-a:UP", "local-c:NO_ANSWER");
        assertThat(tookMs).as("the wait is timeoutMs + 5 s").isBetween(8_000L, 16_000L);
    }

    private static HttpResponse<String> post(String path, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(String sql) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long count(String sql) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + target.getAddress().getPort() + path;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
