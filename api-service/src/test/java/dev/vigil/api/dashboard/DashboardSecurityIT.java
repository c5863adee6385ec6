package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.TestMail;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard over real HTTP: sessions, CSRF, tenant isolation, that no API key shows up in a page after its one
 * showing, and that the API's own rules (validation, the bearer-key chain) hold behind the forms.
 */
@ApiServiceTest
class DashboardSecurityIT {

    private static final Pattern ANY_KEY = Pattern.compile("vgl_[A-Za-z0-9_-]{32}");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesNeedASignedInSession() {
        DashboardSession anonymous = new DashboardSession(port);
        for (String path : List.of("/app/monitors", "/app/incidents", "/app/members", "/app/api-keys",
                "/app/monitors/" + UUID.randomUUID(), "/app/status-pages", "/app/status-pages/new")) {
            DashboardSession.Page page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(302);
            assertThat(page.location()).as(path).isEqualTo("/login");
        }
        DashboardSession.Page poll = anonymous.getAsHtmx("/app/monitors/rows");
        assertThat(poll.status()).isEqualTo(401);
        assertThat(poll.hxRedirect()).isEqualTo("/login");
        assertThat(anonymous.get("/login").status()).isEqualTo(200);
        assertThat(anonymous.get("/signup").status()).isEqualTo(200);
    }

    @Test
    void signsInWithThePasswordAndOutAgain() {
        String email = "login-" + UUID.randomUUID() + "@example.com";
        new DashboardSession(port).signUp(email);

        DashboardSession browser = new DashboardSession(port);
        browser.get("/login");
        DashboardSession.Page wrong = browser.post("/login", Map.of("username", email, "password", "not it at all"));
        assertThat(wrong.location()).isEqualTo("/login?error");
        assertThat(browser.get("/app/monitors").status()).isEqualTo(302);

        browser.get("/login");
        DashboardSession.Page right = browser.post("/login", Map.of("username", email,
                "password", "dashboard password"));
        assertThat(right.location()).startsWith("/app/monitors");
        DashboardSession.Page monitors = browser.get("/app/monitors");
        assertThat(monitors.status()).isEqualTo(200);
        assertThat(monitors.body()).contains(email).contains("No monitors yet");

        assertThat(browser.post("/logout", Map.of()).location()).isEqualTo("/login?signedOut");
        assertThat(browser.get("/app/monitors").status()).isEqualTo(302);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        DashboardSession browser = new DashboardSession(port);
        String key = browser.signUp("csrf-" + UUID.randomUUID() + "@example.com");
        ApiClient api = new ApiClient(port).withKey(key);

        DashboardSession.Page forged = browser.postRaw("/app/monitors", Map.of("name", "Forged", "type", "HTTP",
                "url", "https://example.com/", "intervalSeconds", "60"));
        DashboardSession.Page forgedKey = browser.postRaw("/app/api-keys", Map.of("name", "Forged key"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forgedKey.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/api-keys").json().get("items").size()).isEqualTo(1);

        browser.get("/app/monitors/new");
        DashboardSession.Page real = browser.post("/app/monitors", Map.of("name", "Real", "type", "HTTP",
                "url", "https://example.com/", "intervalSeconds", "60", "method", "GET"));
        assertThat(real.status()).as(real.toString()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isOne();
    }

    @Test
    void anotherWorkspacesMonitorIsNotFoundOnEveryPageAndCannotBeChanged() {
        Tenant other = Tenant.create(port);
        String otherId = other.owner().post("/api/v1/monitors", Map.of("name", "Theirs", "type", "HTTP",
                "url", "https://example.com/theirs")).json().get("id").asString();
        UUID incident = other.addOpenIncident(jdbc, UUID.fromString(otherId));

        DashboardSession browser = new DashboardSession(port);
        browser.signUp("isolated-" + UUID.randomUUID() + "@example.com");
        for (String path : List.of("/app/monitors/" + otherId, "/app/monitors/" + otherId + "/edit",
                "/app/monitors/" + otherId + "/live", "/app/monitors/" + otherId + "/delete",
                "/app/monitors/" + otherId + "/export?format=csv", "/app/incidents/" + incident)) {
            DashboardSession.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).doesNotContain("Theirs");
        }
        browser.get("/app/monitors");
        for (String path : List.of("/app/monitors/" + otherId + "/pause", "/app/monitors/" + otherId + "/delete",
                "/app/incidents/" + incident + "/acknowledge")) {
            assertThat(browser.post(path, Map.of()).status()).as(path).isEqualTo(404);
        }
        assertThat(browser.post("/app/monitors/" + otherId, Map.of("name", "Mine now", "type", "HTTP",
                "url", "https://example.com/")).status()).isEqualTo(404);
        assertThat(browser.get("/app/monitors").body()).doesNotContain("Theirs");

        var theirs = other.owner().get("/api/v1/monitors/" + otherId).json();
        assertThat(theirs.get("name").asString()).isEqualTo("Theirs");
        assertThat(theirs.get("paused").asBoolean()).isFalse();
        assertThat(other.owner().get("/api/v1/incidents/" + incident).json().has("acknowledgedAt")).isFalse();
    }

    @Test
    void anApiKeyAppearsOnlyOnTheOnePageThatHandsItOut() {
        DashboardSession browser = new DashboardSession(port);
        String firstKey = browser.signUp("keys-" + UUID.randomUUID() + "@example.com");
        ApiClient api = new ApiClient(port).withKey(firstKey);
        String monitorId = api.post("/api/v1/monitors", Map.of("name", "Keyed", "type", "HTTP",
                "url", "https://example.com/", "headers", Map.of("Authorization", "Bearer " + firstKey)))
                .json().get("id").asString();

        browser.get("/app/api-keys");
        DashboardSession.Page created = browser.post("/app/api-keys", Map.of("name", "CI", "role", "VIEWER"));
        DashboardSession.Page shown = browser.get(created.location());
        var matcher = ANY_KEY.matcher(shown.body());
        assertThat(matcher.find()).as("the new key is shown once").isTrue();
        String secondKey = matcher.group();
        assertThat(new ApiClient(port).withKey(secondKey).get("/api/v1/monitors").status()).isEqualTo(200);

        for (String path : List.of("/app/monitors", "/app/monitors/rows", "/app/api-keys", "/app/members",
                "/app/incidents", "/app/monitors/" + monitorId, "/app/monitors/" + monitorId + "/live")) {
            String body = browser.get(path).body();
            assertThat(body).as(path).doesNotContain(firstKey).doesNotContain(secondKey);
            assertThat(ANY_KEY.matcher(body).find()).as(path).isFalse();
        }
        // The monitor's header holds the key: the edit form shows it to an owner, as the API does; nowhere else.
        assertThat(browser.get("/app/monitors/" + monitorId + "/edit").body()).contains("Authorization");
    }

    @Test
    void theFormShowsTheApisValidationMessagesNextToTheFields() {
        DashboardSession browser = new DashboardSession(port);
        String key = browser.signUp("rules-" + UUID.randomUUID() + "@example.com");
        ApiClient api = new ApiClient(port).withKey(key);
        ApiClient.Response viaApi = api.post("/api/v1/monitors", Map.of("name", "Bad", "type", "HTTP",
                "url", "ftp://example.com/", "intervalSeconds", 5, "timeoutMs", 99));

        browser.get("/app/monitors/new");
        DashboardSession.Page page = browser.post("/app/monitors", Map.of("name", "Bad", "type", "HTTP",
                "url", "ftp://example.com/", "intervalSeconds", "5", "timeoutMs", "99", "method", "GET"));

        assertThat(page.status()).isEqualTo(422);
        for (String field : List.of("url", "intervalSeconds", "timeoutMs")) {
            String message = viaApi.errorFor(field);
            assertThat(message).as(field).isNotBlank();
            assertThat(page.body()).as(field).contains("id=\"" + field + "-error\"")
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(message));
        }
        DashboardSession.Page notANumber = browser.post("/app/monitors", Map.of("name", "Bad", "type", "TCP",
                "host", "example.com", "port", "twenty-two"));
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.body()).contains("port must be a whole number");
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isZero();
    }

    @Test
    void theApiChainIgnoresTheSessionCookie() {
        DashboardSession browser = new DashboardSession(port);
        browser.signUp("api-" + UUID.randomUUID() + "@example.com");
        DashboardSession.Page api = browser.get("/api/v1/monitors");
        assertThat(api.status()).isEqualTo(401);
    }

    @Test
    void aViewerSeesButCannotChange() {
        Tenant tenant = Tenant.create(port);
        String id = tenant.owner().post("/api/v1/monitors", Map.of("name", "Watched", "type", "HTTP",
                "url", "https://example.com/")).json().get("id").asString();
        String viewerEmail = "viewer-" + UUID.randomUUID() + "@example.com";
        DashboardSession viewer = new DashboardSession(port);
        viewer.signUp(viewerEmail);
        tenant.owner().post("/api/v1/members", Map.of("email", viewerEmail, "role", "VIEWER"));
        // The viewer confirms their address and accepts the invitation, following the links mailed to them.
        viewer.get(TestMail.link(viewerEmail, "/verify-email"));
        viewer.get(TestMail.link(viewerEmail, "/invitation"));
        assertThat(viewer.post("/invitation/accept", Map.of("token", TestMail.token(viewerEmail, "/invitation")))
                .location()).isEqualTo("/app/monitors");
        viewer.get("/app/monitors");
        viewer.post("/app/workspace", Map.of("workspaceId", tenant.workspaceId().toString()));

        DashboardSession.Page list = viewer.get("/app/monitors");
        assertThat(list.body()).contains("Watched").doesNotContain("id=\"new-monitor\"");
        assertThat(viewer.post("/app/monitors/" + id + "/pause", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.get("/app/monitors/new").status()).isEqualTo(403);
        assertThat(tenant.owner().get("/api/v1/monitors/" + id).json().get("paused").asBoolean()).isFalse();
    }
}
