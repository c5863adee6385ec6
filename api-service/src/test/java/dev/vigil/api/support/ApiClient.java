package dev.vigil.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for API tests: real requests over loopback, JSON in and out. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String apiKey;

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The same client, authenticating with {@code key}. */
    public ApiClient withKey(String key) {
        return new ApiClient(baseUrl, key);
    }

    /** The same client without a key. */
    public ApiClient anonymous() {
        return new ApiClient(baseUrl, null);
    }

    public String key() {
        return apiKey;
    }

    /** Signs up a fresh account and answers a client holding its key. */
    public ApiClient signUp() {
        return withKey(signUpAs("user-" + UUID.randomUUID() + "@example.com").json().get("apiKey").asString());
    }

    /** Signs up an account with {@code email} (password "a long enough password"); a client holding its key. */
    public ApiClient signUp(String email) {
        return withKey(signUpAs(email).json().get("apiKey").asString());
    }

    public Response signUpAs(String email) {
        Response response = anonymous().post("/api/v1/signup", Map.of("email", email,
                "password", "a long enough password", "workspace", "Test workspace"));
        if (response.status() != 201) {
            throw new IllegalStateException("signup failed: " + response);
        }
        return response;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body));
    }

    /** A POST without a body, as the action endpoints (pause, resume) take. */
    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postRaw(String path, String body) {
        return send("POST", path, "application/json", body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", JSON.writeValueAsString(body));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, with a body of any content type (null body: none). */
    public Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A response with its body parsed on demand. */
    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        /** The fields named in a 400's {@code errors}. */
        public List<String> errorFields() {
            JsonNode errors = json().get("errors");
            return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
        }

        /** The message for {@code field} in a 400's {@code errors}, or null. */
        public String errorFor(String field) {
            JsonNode errors = json().get("errors");
            return errors == null ? null : errors.valueStream().filter(e -> e.get("field").asString().equals(field))
                    .map(e -> e.get("message").asString()).findFirst().orElse(null);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }
}
