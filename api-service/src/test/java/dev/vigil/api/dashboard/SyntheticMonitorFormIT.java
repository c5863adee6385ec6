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

/**
 * The monitor form creates and edits issue 17's API_STEPS and BROWSER monitors (steps as the API's JSON), and shows a
 * bad step, bad JSON or a too-short browser interval beside its field without creating anything.
 */
@ApiServiceTest
class SyntheticMonitorFormIT {

    private static final String API_STEPS = """
            [{"name": "sign in", "url": "https://api.example.com/login", "method": "POST",
              "body": "{\\"password\\": \\"{{vars.PROBE_PASSWORD}}\\"}",
              "assertions": [{"source": "STATUS_CODE", "comparison": "EQUALS", "target": "200"}],
              "extract": [{"variable": "token", "source": "JSON_PATH", "path": "$.token"}]},
             {"name": "account", "url": "https://api.example.com/account",
              "headers": {"Authorization": "Bearer {{token}}"},
              "assertions": [{"source": "JSON_PATH", "path": "$.plan", "comparison": "EQUALS", "target": "pro"}]}]""";

    private static final String BROWSER = """
            [{"action": "goto", "value": "https://shop.example.com/login"},
             {"action": "fill", "selector": "#email", "value": "probe@example.com"},
             {"action": "click", "selector": "button[type=submit]"},
             {"action": "waitForUrl", "value": "/account", "timeoutMs": 10000},
             {"action": "assertText", "selector": "h1", "value": "Welcome"}]""";

    @LocalServerPort
    int port;

    @Test
    void createsAndEditsApiStepsAndBrowserMonitorsThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("syn-" + UUID.randomUUID() + "@example.com"));
        for (Map<String, String> fields : List.of(
                Map.of("type", "API_STEPS", "steps", API_STEPS, "intervalSeconds", "60"),
                Map.of("type", "BROWSER", "steps", BROWSER, "intervalSeconds", "300", "timeoutMs", "60000"))) {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("name", "Form " + fields.get("type"));
            browser.get("/app/monitors/new");
            DashboardSession.Page created = browser.post("/app/monitors", form);
            assertThat(created.status()).as(fields.get("type") + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/monitors/".length());
            JsonNode monitor = api.get("/api/v1/monitors/" + id).json();
            assertThat(monitor.get("type").asString()).isEqualTo(fields.get("type"));

            // The edit page shows the stored steps, and posting them back keeps them.
            DashboardSession.Page edit = browser.get("/app/monitors/" + id + "/edit");
            assertThat(edit.status()).isEqualTo(200);
            assertThat(edit.body()).contains("id=\"steps\"");
            form.put("name", "Edited " + fields.get("type"));
            assertThat(browser.post("/app/monitors/" + id, form).status()).isEqualTo(302);
            JsonNode edited = api.get("/api/v1/monitors/" + id).json();
            assertThat(edited.get("name").asString()).isEqualTo("Edited " + fields.get("type"));
            assertThat(edited.get("steps")).isEqualTo(monitor.get("steps"));
            assertThat(browser.get("/app/monitors/" + id).status()).isEqualTo(200);
        }
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        api.get("/api/v1/monitors").json().get("items").valueStream()
                .forEach(m -> byType.put(m.get("type").asString(), m));
        JsonNode steps = byType.get("API_STEPS").get("steps");
        assertThat(steps.get(0).get("extract").get(0).get("variable").asString()).isEqualTo("token");
        assertThat(steps.get(1).get("headers").get("Authorization").asString()).isEqualTo("Bearer {{token}}");
        assertThat(byType.get("BROWSER").get("steps").get(3).get("timeoutMs").asInt()).isEqualTo(10_000);
    }

    @Test
    void badStepsAndATooShortBrowserIntervalAreShownBesideTheirFieldsAndNothingIsCreated() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("syn-bad-" + UUID.randomUUID() + "@example.com"));
        browser.get("/app/monitors/new");

        DashboardSession.Page notJson = browser.post("/app/monitors", Map.of("name", "Bad", "type", "API_STEPS",
                "steps", "[{\"url\": ", "intervalSeconds", "60"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.body()).contains("id=\"steps-error\"").contains("steps are not valid JSON");

        DashboardSession.Page badStep = browser.post("/app/monitors", Map.of("name", "Bad", "type", "BROWSER",
                "steps", "[{\"action\": \"goto\", \"value\": \"https://shop.example.com/\"}, {\"action\": \"click\"}]",
                "intervalSeconds", "300", "timeoutMs", "60000"));
        assertThat(badStep.status()).isEqualTo(422);
        assertThat(badStep.body()).contains("id=\"steps-error\"").contains("selector");

        DashboardSession.Page tooOften = browser.post("/app/monitors", Map.of("name", "Bad", "type", "BROWSER",
                "steps", BROWSER, "intervalSeconds", "60", "timeoutMs", "60000"));
        assertThat(tooOften.status()).isEqualTo(422);
        assertThat(tooOften.body()).contains("id=\"intervalSeconds-error\"").contains("300 seconds");

        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isZero();
    }
}
