package dev.vigil.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void theDocumentDescribesThePublicApiWithExamplesSecurityAndErrors() throws java.io.IOException {
        ApiClient.Response response = new ApiClient(port).get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        // Kept for people and tools (client generators, reviews of API changes): target/openapi.json.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), response.body());
        JsonNode doc = response.json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/signup", "/api/v1/api-keys", "/api/v1/api-keys/{id}",
                "/api/v1/monitors", "/api/v1/monitors/{id}", "/api/v1/monitors/{id}/pause",
                "/api/v1/monitors/{id}/resume", "/api/v1/members", "/api/v1/members/{userId}",
                "/api/v1/invitations/accept", "/api/v1/workspace", "/api/v1/audit-log", "/api/v1/regions");
        assertThat(paths.propertyNames()).allMatch(p -> p.startsWith("/api/"));
        assertThat(doc.get("components").get("securitySchemes").get("apiKey").get("scheme").asString())
                .isEqualTo("bearer");
        JsonNode createMonitor = paths.get("/api/v1/monitors").get("post");
        assertThat(createMonitor.get("requestBody").get("content").get("application/json").get("examples")
                .propertyNames()).contains("HTTP", "TCP", "DNS", "TLS", "HEARTBEAT", "PLUGIN");
        assertThat(createMonitor.get("responses").get("400").get("content").has("application/problem+json"))
                .isTrue();
        assertThat(createMonitor.get("responses").has("403")).isTrue();
        assertThat(createMonitor.get("responses").has("429")).isTrue();
        JsonNode signup = paths.get("/api/v1/signup").get("post");
        assertThat(signup.get("security")).isEmpty();
        assertThat(signup.get("responses").has("401")).isFalse();
        assertThat(doc.get("components").get("schemas").get("SignupRequest").has("example")).isTrue();
    }

    @Test
    void swaggerUiRendersIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/swagger-ui.html")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }
}
