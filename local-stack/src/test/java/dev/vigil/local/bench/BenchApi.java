package dev.vigil.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as the benchmark uses it: sign up, create channels and monitors, read pages (with timings). */
final class BenchApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    static final String PASSWORD = "benchmark password";

    private String key;
    private String email;

    BenchApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void signUp(String workspace) throws IOException, InterruptedException {
        email = "bench-" + UUID.randomUUID() + "@example.com";
        JsonNode answer = call("POST", "/api/v1/signup", Map.of("email", email, "password", PASSWORD,
                "workspace", workspace));
        key = answer.get("apiKey").asString();
    }

    /** The signed-up owner's address (the password is {@link #PASSWORD}). */
    String email() {
        return email;
    }

    /** The signed-up owner's API key. */
    String key() {
        return key;
    }

    String webhookChannel(String url) throws IOException, InterruptedException {
        return call("POST", "/api/v1/alert-channels", Map.of("name", "bench hook", "type", "WEBHOOK",
                "config", Map.of("url", url, "secret", "bench-secret-0123456789"))).get("id").asString();
    }

    /**
     * Creates {@code count} monitors, {@code parallel} requests at a time; {@code body} gives each one's request.
     * Answers their ids in creation order.
     */
    List<String> createMonitors(int count, int parallel, IntFunction<Map<String, Object>> body)
            throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        ids.set(i, call("POST", "/api/v1/monitors", body.apply(i)).get("id").asString());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("creating monitors failed", e.getCause());
        }
        return List.copyOf(ids);
    }

    /** GET with the key; answers the time taken in ms, failing on a non-2xx status. */
    double timedGet(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request("GET", path, null).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return ms;
    }

    JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, body).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }
}
