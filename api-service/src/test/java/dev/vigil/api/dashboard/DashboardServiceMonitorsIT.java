package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The monitor form creates and edits WEBSOCKET, GRPC and DATABASE monitors as the API would, and shows its errors. */
@ApiServiceTest
class DashboardServiceMonitorsIT {

    @LocalServerPort
    int port;

    @Test
    void createsAndEditsWebSocketGrpcAndDatabaseMonitorsThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("svc-" + UUID.randomUUID() + "@example.com"));
        List<Map<String, String>> forms = List.of(
                Map.of("type", "WEBSOCKET", "url", "wss://stream.example.com/live",
                        "headers", "Authorization: Bearer {{vars.TOKEN}}", "send", "subscribe", "expect", "^ok"),
                Map.of("type", "GRPC", "host", "grpc.example.com", "port", "443", "service", "payments.v1.Payments",
                        "tls", "true", "_tls", "on"),
                Map.of("type", "DATABASE", "engine", "MYSQL", "host", "db.example.com", "database", "shop",
                        "username", "monitor", "password", "{{vars.DB_PASSWORD}}", "query", "SELECT 1",
                        "expect", "^1$"));
        for (Map<String, String> fields : forms) {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("name", "Form " + fields.get("type"));
            form.put("intervalSeconds", "120");
            assertThat(browser.get("/app/monitors/new").body()).contains(fields.get("type"));
            DashboardSession.Page created = browser.post("/app/monitors", form);
            assertThat(created.status()).as(fields.get("type") + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/monitors/".length());

            DashboardSession.Page edit = browser.get("/app/monitors/" + id + "/edit");
            assertThat(edit.status()).isEqualTo(200);
            form.put("name", "Edited " + fields.get("type"));
            assertThat(browser.post("/app/monitors/" + id, form).status()).isEqualTo(302);
            assertThat(api.get("/api/v1/monitors/" + id).json().get("name").asString())
                    .isEqualTo("Edited " + fields.get("type"));
        }
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        api.get("/api/v1/monitors").json().get("items").valueStream()
                .forEach(m -> byType.put(m.get("type").asString(), m));
        assertThat(byType.get("WEBSOCKET").get("headers").get("Authorization").asString())
                .isEqualTo("Bearer {{vars.TOKEN}}");
        assertThat(byType.get("WEBSOCKET").get("send").asString()).isEqualTo("subscribe");
        assertThat(byType.get("GRPC").get("tls").asBoolean()).isTrue();
        assertThat(byType.get("GRPC").get("service").asString()).isEqualTo("payments.v1.Payments");
        assertThat(byType.get("DATABASE").get("engine").asString()).isEqualTo("MYSQL");
        assertThat(byType.get("DATABASE").get("password").asString()).isEqualTo("{{vars.DB_PASSWORD}}");
        assertThat(byType.get("DATABASE").get("query").asString()).isEqualTo("SELECT 1");
    }

    @Test
    void aTypedInPasswordIsShownAsAFieldErrorAndNothingIsSaved() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("svc-" + UUID.randomUUID() + "@example.com"));
        browser.get("/app/monitors/new");
        DashboardSession.Page page = browser.post("/app/monitors", Map.of("name", "DB", "type", "DATABASE",
                "engine", "POSTGRESQL", "host", "db.example.com", "username", "monitor",
                "password", "typed-in-secret", "intervalSeconds", "120"));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"password-error\"").doesNotContain("typed-in-secret");
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isZero();
    }
}
