package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** API_STEPS and BROWSER monitors through the API: what is accepted, what is refused field by field, variables. */
@ApiServiceTest
class SyntheticMonitorIT {

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void signUp() {
        api = new ApiClient(port).signUp();
    }

    private static Map<String, Object> apiSteps(List<Map<String, Object>> steps) {
        return Map.of("name", "Journey", "type", "API_STEPS", "steps", steps);
    }

    private static Map<String, Object> browser(List<Map<String, Object>> steps, int interval) {
        return Map.of("name", "Browser", "type", "BROWSER", "intervalSeconds", interval, "timeoutMs", 60_000,
                "steps", steps);
    }

    private static final List<Map<String, Object>> LOGIN_THEN_READ = List.of(
            Map.of("name", "log in", "url", "https://api.example.com/login", "method", "POST",
                    "headers", Map.of("Content-Type", "application/json"),
                    "body", "{\"password\":\"{{vars.PASSWORD}}\"}",
                    "assertions", List.of(Map.of("source", "STATUS_CODE", "comparison", "EQUALS", "target", "200")),
                    "extract", List.of(Map.of("variable", "token", "source", "JSON_PATH", "path", "$.token"))),
            Map.of("name", "read", "url", "https://api.example.com/account/{{token}}",
                    "headers", Map.of("Authorization", "Bearer {{token}}")));

    @Test
    void anApiStepsMonitorIsStoredAndReadBack() {
        ApiClient.Response created = api.post("/api/v1/monitors", apiSteps(LOGIN_THEN_READ));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("steps")).hasSize(2);
        assertThat(created.json().path("steps").get(0).path("extract").get(0).path("variable").asString())
                .isEqualTo("token");
    }

    @Test
    void aReferenceToAValueNoEarlierStepExtractsIsRefusedNamingTheField() {
        List<Map<String, Object>> steps = List.of(Map.of("url", "https://api.example.com/x",
                "headers", Map.of("Authorization", "Bearer {{token}}")));
        ApiClient.Response refused = api.post("/api/v1/monitors", apiSteps(steps));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("steps[0].headers.Authorization");
        assertThat(api.get("/api/v1/monitors").json().path("total").asInt()).isZero();
    }

    @Test
    void badStepsAreRefusedFieldByField() {
        assertThat(api.post("/api/v1/monitors", apiSteps(List.of(Map.of("url", "ftp://example.com/"))))
                .errorFields()).containsExactly("steps[0].url");
        assertThat(api.post("/api/v1/monitors", apiSteps(List.of(Map.of("url", "https://example.com/",
                "extract", List.of(Map.of("variable", "1bad", "source", "JSON_PATH", "path", "$.a")))))).errorFields())
                .containsExactly("steps[0].extract[0].variable");
        assertThat(api.post("/api/v1/monitors", apiSteps(List.of(Map.of("url", "https://example.com/",
                "script", "alert(1)")))).errorFields()).containsExactly("steps[0].script");
        assertThat(api.post("/api/v1/monitors", browser(List.of(Map.of("action", "evaluate", "value", "1+1")), 300))
                .errorFields()).containsExactly("steps[0].action");
        assertThat(api.post("/api/v1/monitors", browser(List.of(Map.of("action", "goto",
                "value", "https://shop.example.com/"), Map.of("action", "click")), 300)).errorFields())
                .containsExactly("steps[1].selector");
        assertThat(api.post("/api/v1/monitors", browser(List.of(Map.of("action", "goto",
                "value", "file:///etc/passwd")), 300)).errorFields()).containsExactly("steps[0].value");
        assertThat(api.post("/api/v1/monitors", apiSteps(List.of())).errorFields()).containsExactly("steps");
    }

    @Test
    void aBrowserMonitorRunsAtMostEveryFiveMinutesByDefault() {
        List<Map<String, Object>> steps = List.of(Map.of("action", "goto", "value", "https://shop.example.com/"),
                Map.of("action", "assertTitle", "value", "Shop"));
        ApiClient.Response tooOften = api.post("/api/v1/monitors", browser(steps, 60));
        assertThat(tooOften.errorFields()).containsExactly("intervalSeconds");

        ApiClient.Response created = api.post("/api/v1/monitors", browser(steps, 300));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("steps").get(1).path("action").asString()).isEqualTo("assertTitle");
    }

    @Test
    void workspaceVariablesAreListedByNameAndNeverShownBack() {
        assertThat(api.put("/api/v1/variables/PASSWORD", Map.of("value", "s3cret-value")).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/variables/PASSWORD", Map.of("value", "s3cret-value-2")).status())
                .isEqualTo(204);
        assertThat(api.put("/api/v1/variables/9bad", Map.of("value", "x")).errorFields()).containsExactly("name");

        ApiClient.Response list = api.get("/api/v1/variables");
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("name").asString()).isEqualTo("PASSWORD");
        assertThat(list.body()).doesNotContain("s3cret");
        assertThat(api.get("/api/v1/audit-log").body()).contains("variable.created").doesNotContain("s3cret");

        ApiClient outsider = new ApiClient(port).signUp();
        assertThat(outsider.get("/api/v1/variables").json().path("items")).isEmpty();
        assertThat(outsider.delete("/api/v1/variables/PASSWORD").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/variables/PASSWORD").status()).isEqualTo(204);
    }

    @Test
    void anotherWorkspacesResultAndScreenshotAreNotFound() {
        String id = api.post("/api/v1/monitors", apiSteps(LOGIN_THEN_READ)).json().path("id").asString();
        ApiClient outsider = new ApiClient(port).signUp();
        String job = java.util.UUID.randomUUID().toString();

        assertThat(api.get("/api/v1/monitors/" + id + "/results/" + job).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/monitors/" + id + "/results/" + job + "/screenshot").status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/monitors/" + id + "/results/" + job + "/screenshot").status())
                .isEqualTo(404);
    }
}
