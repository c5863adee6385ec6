package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page a stranger can open carries a Content-Security-Policy. Status pages, whose text tenants write, allow no
 * script at all: a {@code <script>} a tenant smuggled into an incident update would not run even if it escaped the
 * template.
 */
@ApiServiceTest
class ContentSecurityPolicyIT {

    private static final String CSP = "Content-Security-Policy";

    @LocalServerPort
    int port;

    @Test
    void statusPagesAllowNoScriptOnAnyRoute() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("web")).json().get("id").asString();
        String slug = "csp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "<script>alert(1)</script>",
                "components", List.of(Map.of("name", "Website", "monitorId", monitor)))).status()).isEqualTo(201);
        String privateSlug = slug + "-p";
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", privateSlug, "title", "Private",
                "password", "correct horse", "components", List.of(Map.of("name", "Website", "monitorId", monitor))))
                .status()).isEqualTo(201);
        ApiClient anonymous = new ApiClient(port).anonymous();

        // The first answers come from the controller, later ones from the cache's fast path: both must carry it.
        for (String path : List.of("/status/" + slug, "/status/" + slug, "/status/" + slug + "/history",
                "/status/" + slug + "/history", "/status/" + slug + "/summary.json", "/status/" + slug + "/feed.atom",
                "/status/" + privateSlug, "/status/no-such-page")) {
            ApiClient.Response page = anonymous.get(path);
            assertThat(page.header(CSP)).as(path).isNotNull().contains("default-src 'none'")
                    .doesNotContain("script-src").contains("frame-ancestors 'none'");
            System.out.printf("attack: script in a status page (%s, %d) -> refused by CSP \"%s\"%n", path,
                    page.status(), page.header(CSP));
        }
        ApiClient.Response wrongPassword = anonymous.send(anonymous.request("/status/" + privateSlug + "/access")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=nope")));
        assertThat(wrongPassword.header(CSP)).contains("default-src 'none'");
    }

    @Test
    void signInSignUpAndTheApiCarryAPolicyThatRunsOnlyOwnScripts() {
        ApiClient anonymous = new ApiClient(port).anonymous();
        for (String path : List.of("/login", "/signup", "/api/v1/workspace", "/v3/api-docs")) {
            ApiClient.Response response = anonymous.get(path);
            assertThat(response.header(CSP)).as(path).isNotNull().contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
        }
    }
}
