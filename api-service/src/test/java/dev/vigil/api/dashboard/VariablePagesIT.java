package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace variables page sets, replaces and deletes variables through the API's rules; values never come back
 * into a page, not even a refused form's, and another workspace sees none of them.
 */
@ApiServiceTest
class VariablePagesIT {

    @LocalServerPort
    int port;

    @Test
    void setsReplacesAndDeletesAVariableShowingOnlyItsName() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("vars-" + UUID.randomUUID() + "@example.com"));
        assertThat(browser.get("/app/variables").body()).contains("No variables yet.");

        DashboardSession.Page saved = browser.post("/app/variables", Map.of("name", "PROBE_PASSWORD",
                "value", "first-s3cret-value"));
        assertThat(saved.status()).isEqualTo(302);
        DashboardSession.Page list = browser.get(saved.location());
        assertThat(list.body()).contains("Variable PROBE_PASSWORD created.").contains("data-variable=\"PROBE_PASSWORD\"")
                .doesNotContain("first-s3cret-value");

        assertThat(browser.post("/app/variables", Map.of("name", "PROBE_PASSWORD", "value", "second-s3cret-value"))
                .status()).isEqualTo(302);
        assertThat(browser.get("/app/variables").body()).contains("Variable PROBE_PASSWORD replaced.")
                .doesNotContain("s3cret-value");
        assertThat(api.get("/api/v1/variables").json().path("items")).singleElement()
                .satisfies(v -> assertThat(v.path("name").asString()).isEqualTo("PROBE_PASSWORD"));
        assertThat(api.get("/api/v1/audit-log").body()).contains("variable.updated").doesNotContain("s3cret-value");

        DashboardSession.Page deleted = browser.post("/app/variables/PROBE_PASSWORD/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(browser.get("/app/variables").body()).contains("Variable PROBE_PASSWORD deleted");
        assertThat(api.get("/api/v1/variables").json().path("items")).isEmpty();
    }

    @Test
    void aRefusedNameIsShownBesideItsFieldWithoutTheValueTypedIn() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("vars-bad-" + UUID.randomUUID() + "@example.com"));
        browser.get("/app/variables");

        DashboardSession.Page refused = browser.post("/app/variables", Map.of("name", "9 bad",
                "value", "typed-in-s3cret"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"variable-name-error\"").contains("letters, digits and _")
                .contains("value=\"9 bad\"").doesNotContain("typed-in-s3cret");
        assertThat(api.get("/api/v1/variables").json().path("items")).isEmpty();
    }

    @Test
    void anotherWorkspaceSeesNoneAndCannotDeleteThem() {
        DashboardSession owner = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(owner.signUp("vars-own-" + UUID.randomUUID() + "@example.com"));
        owner.get("/app/variables");
        owner.post("/app/variables", Map.of("name", "SHARED_TOKEN", "value", "owners-s3cret"));

        DashboardSession outsider = new DashboardSession(port);
        outsider.signUp("vars-out-" + UUID.randomUUID() + "@example.com");
        assertThat(outsider.get("/app/variables").body()).doesNotContain("SHARED_TOKEN");
        DashboardSession.Page attempt = outsider.post("/app/variables/SHARED_TOKEN/delete", Map.of());
        assertThat(outsider.get(attempt.location()).body()).contains("No variable SHARED_TOKEN in this workspace.");
        assertThat(api.get("/api/v1/variables").json().path("items")).hasSize(1);
        assertThat(new DashboardSession(port).get("/app/variables").location()).isEqualTo("/login");
    }
}
