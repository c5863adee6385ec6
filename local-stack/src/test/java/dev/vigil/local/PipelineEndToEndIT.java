package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline, every part real: PostgreSQL (a database the services migrated from empty), ElasticMQ, the four
 * services and three probe regions, and an HTTP target on loopback. A monitor created through the public API gets ok
 * results from the regions.
 */
@UsesSharedStack
class PipelineEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static HttpServer target;
    private static final AtomicInteger targetHits = new AtomicInteger();

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
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
        stack = shared.stack();
    }

    @AfterAll
    static void stopEverything() {
        if (target != null) {
            target.stop(0);
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

    /**
     * Every service exposes /actuator/prometheus on its management port (404 on the public one) with JVM, HTTP server and SQS metrics (and the JDBC pool where it
     * has a database), and every metric the Grafana dashboard and the Prometheus alert rules in infra/ name is one
     * the services register.
     */
    @Test
    void everyServiceExposesTheMetricsTheDashboardAndAlertRulesUse() throws Exception {
        // Some traffic first, so that the per-request and per-check metrics exist.
        JsonNode signup = call("POST", "/api/v1/signup", null, Map.of("email", "metrics-" + UUID.randomUUID()
                + "@example.com", "password", "metrics password", "workspace", "Metrics"));
        String key = signup.get("apiKey").asString();
        String monitorId = call("POST", "/api/v1/monitors", key, Map.of("name", "Scraped", "type", "HTTP",
                "url", "http://127.0.0.1:" + target.getAddress().getPort() + "/health", "intervalSeconds", 5,
                "regions", LocalStackOptions.LOCAL_REGIONS)).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                !call("GET", "/api/v1/monitors/" + monitorId + "/results", key, null).get("items").isEmpty());

        Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
        services.put("api-service", stack.api());
        services.put("scheduler-service", stack.scheduler());
        services.put("alerting-service", stack.alerting());
        LocalStackOptions.LOCAL_REGIONS.forEach(region -> services.put("probe " + region, stack.probe(region)));
        Set<String> registered = new TreeSet<>();
        for (Map.Entry<String, ConfigurableApplicationContext> service : services.entrySet()) {
            scrape(service.getValue());  // the first scrape makes the HTTP server metrics exist
            String exposition = scrape(service.getValue());
            Set<String> names = metricNames(exposition);
            assertThat(names).as(service.getKey()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "http_server_requests_seconds_count", "process_cpu_usage");
            if (!service.getKey().equals("api-service")) {
                assertThat(names).as(service.getKey() + " SQS calls").contains("vigil_sqs_requests_seconds_count");
            }
            if (!service.getKey().startsWith("probe")) {
                assertThat(names).as(service.getKey() + " JDBC pool").contains("hikaricp_connections_active");
            }
            registered.addAll(names);
        }

        Path observability = Path.of("..", "infra", "observability");
        Set<String> used = new TreeSet<>(metricNames(Files.readString(observability.resolve(
                Path.of("prometheus", "vigil-rules.yml")))));
        used.addAll(metricNames(Files.readString(observability.resolve(Path.of("grafana", "vigil.json")))));
        assertThat(used).hasSizeGreaterThan(15);
        assertThat(registered).as("metrics the dashboard and alert rules use").containsAll(used);
    }

    private static String scrape(ConfigurableApplicationContext service) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpResponse<String> hidden = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hidden.statusCode()).as("metrics on the public port").isEqualTo(404);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + LocalStack.managementPort(service) + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Metric names in an exposition or in PromQL: the Vigil ones and the standard ones the dashboard uses. */
    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\b((?:vigil|http|hikaricp|jvm|process)_[a-z0-9_]+)").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode call(String method, String path, String key, Object body) throws Exception {
        return TestApi.call(stack, method, path, key, body);
    }
}
