package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiEndpoints.Endpoint;
import dev.vigil.api.support.ApiEndpoints.Resources;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs every keyed endpoint of {@link ApiEndpoints} as each persona that must not get through: another workspace's
 * key (404 for anything of this workspace, nothing of it in any list), a VIEWER key (403 on every write), no key and
 * a wrong key (401), always as problem+json, and checks the workspace is unchanged afterwards.
 */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Resources resources;
    private ApiClient outsider;

    @BeforeAll
    void seed() {
        tenant = Tenant.create(port);
        resources = Resources.seed(tenant, jdbc);
        outsider = new ApiClient(port).signUp();
    }

    @Test
    void anotherWorkspacesKeyFindsNothingOfThisWorkspace() {
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : ApiEndpoints.KEYED) {
            ApiClient.Response response = endpoint.call(outsider, resources);
            if (endpoint.namesResource()) {
                soft.assertThat(response.status()).as("%s", endpoint).isEqualTo(404);
                soft.assertThat(response.isProblem()).as("%s is a problem", endpoint).isTrue();
            } else if (endpoint.namesResourceInInput()) {
                soft.assertThat(response.status()).as("%s → %s", endpoint, response).isEqualTo(400);
                soft.assertThat(response.isProblem()).as("%s is a problem", endpoint).isTrue();
                soft.assertThat(response.body()).as("%s tells nothing of the workspace", endpoint)
                        .doesNotContain(tenant.ownerEmail()).doesNotContain(tenant.workspaceId().toString());
            } else {
                soft.assertThat(response.status()).as("%s", endpoint).isBetween(200, 299);
                for (var id : resources.ids().values()) {
                    soft.assertThat(response.body()).as("%s leaks nothing", endpoint).doesNotContain(id.toString());
                }
                soft.assertThat(response.body()).as("%s", endpoint).doesNotContain(tenant.ownerEmail())
                        .doesNotContain(tenant.workspaceId().toString());
            }
        }
        soft.assertAll();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }

    @Test
    void anotherWorkspacesChannelCannotBeLinkedToAMonitor() {
        String ownChannel = tenant.addAlertChannel(jdbc, "Mine").toString();
        String foreignChannel = resources.get("channel").toString();
        UUID outsiderWorkspace = UUID.fromString(outsider.get("/api/v1/workspace").json().get("id").asString());
        String outsidersChannel = new Tenant(outsiderWorkspace, null, outsider, null, null, null)
                .addAlertChannel(jdbc, "Theirs").toString();
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());

        ApiClient.Response created = outsider.post("/api/v1/monitors", Map.of("name", "Sneaky", "type", "HTTP",
                "url", "https://example.com", "alertChannelIds", List.of(foreignChannel)));
        ApiClient.Response mixed = tenant.owner().put("/api/v1/monitors/" + resources.get("monitor"),
                Map.of("name", "Seeded", "type", "HTTP", "url", "https://example.com",
                        "alertChannelIds", List.of(ownChannel, outsidersChannel)));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFor("alertChannelIds")).contains(foreignChannel);
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.errorFields()).containsExactly("alertChannelIds");
        assertThat(mixed.errorFor("alertChannelIds")).contains(outsidersChannel).doesNotContain(ownChannel);
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }

    @Test
    void aViewerKeyReadsEverythingAndChangesNothing() {
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : ApiEndpoints.KEYED) {
            ApiClient.Response response = endpoint.call(tenant.viewer(), resources);
            if (endpoint.writes()) {
                soft.assertThat(response.status()).as("%s", endpoint).isEqualTo(403);
                soft.assertThat(response.isProblem()).as("%s is a problem", endpoint).isTrue();
            } else {
                soft.assertThat(response.status()).as("%s", endpoint).isEqualTo(200);
            }
        }
        soft.assertAll();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }

    @Test
    void withoutAValidKeyEveryEndpointIsUnauthorized() {
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        SoftAssertions soft = new SoftAssertions();
        List<ApiClient> strangers = List.of(outsider.anonymous(), outsider.withKey("vgl_" + "A".repeat(32)),
                outsider.withKey("not a key"), outsider.withKey(tenant.owner().key() + "x"));
        for (Endpoint endpoint : ApiEndpoints.KEYED) {
            for (ApiClient stranger : strangers) {
                ApiClient.Response response = endpoint.call(stranger, resources);
                soft.assertThat(response.status()).as("%s with key %s", endpoint, stranger.key()).isEqualTo(401);
                soft.assertThat(response.isProblem()).as("%s is a problem", endpoint).isTrue();
                soft.assertThat(response.header("WWW-Authenticate")).as("%s", endpoint).isEqualTo("Bearer");
            }
        }
        soft.assertAll();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }
}
