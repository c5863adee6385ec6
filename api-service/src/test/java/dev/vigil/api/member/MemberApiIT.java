package dev.vigil.api.member;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.TestMail;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class MemberApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void membersAreListedWithTheirRoleAndStatus() {
        Tenant tenant = Tenant.create(port);
        String later = "later-" + UUID.randomUUID() + "@example.com";
        JsonNode invited = tenant.owner().post("/api/v1/members", Map.of("email", later, "role", "VIEWER")).json();

        JsonNode page = tenant.viewer().get("/api/v1/members").json();

        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("items").get(0).get("email").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(page.get("items").get(0).get("role").asString()).isEqualTo("OWNER");
        assertThat(page.get("items").get(1).get("role").asString()).isEqualTo("ADMIN");
        assertThat(page.get("items").get(1).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(page.get("items").get(2).get("status").asString()).isEqualTo("INVITED");
        assertThat(invited.toString() + page).doesNotContain(TestMail.token(later, "/invitation"));
        assertThat(tenant.owner().get("/api/v1/members/" + tenant.teammateId()).json().get("role").asString())
                .isEqualTo("ADMIN");
        assertThat(tenant.owner().get("/api/v1/members/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void someoneWithAnAccountJoinsOnlyByAcceptingAndIsThenAConflict() {
        Tenant tenant = Tenant.create(port);
        String email = "existing-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUpAs(email);
        new ApiClient(port).get(TestMail.link(email, "/verify-email"));

        ApiClient.Response added = tenant.owner().post("/api/v1/members", Map.of("email", email.toUpperCase(),
                "role", "VIEWER"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("status").asString()).isEqualTo("INVITED");
        assertThat(added.json().get("invitation").has("token")).isFalse();
        assertThat(tenant.owner().get("/api/v1/workspace").json().get("members").asInt()).isEqualTo(2);

        ApiClient.Response accepted = new ApiClient(port).post("/api/v1/invitations/accept", Map.of(
                "token", TestMail.token(email, "/invitation"), "password", "a long enough password"));
        ApiClient.Response again = tenant.owner().post("/api/v1/members", Map.of("email", email, "role", "ADMIN"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(tenant.owner().get("/api/v1/workspace").json().get("members").asInt()).isEqualTo(3);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
    }

    @Test
    void anInvitationIsAcceptedOnceAndGivesAKeyWithTheMembersRole() {
        Tenant tenant = Tenant.create(port);
        String email = "new-" + UUID.randomUUID() + "@example.com";
        JsonNode invited = tenant.owner().post("/api/v1/members", Map.of("email", email, "role", "VIEWER")).json();
        String token = TestMail.token(email, "/invitation");
        ApiClient anonymous = new ApiClient(port);

        ApiClient.Response accepted = anonymous.post("/api/v1/invitations/accept", Map.of("token", token,
                "password", "my own password"));
        ApiClient.Response replayed = anonymous.post("/api/v1/invitations/accept", Map.of("token", token,
                "password", "another password"));

        assertThat(invited.get("status").asString()).isEqualTo("INVITED");
        assertThat(token).startsWith("vgi_");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().get("workspaceId").asString()).isEqualTo(tenant.workspaceId().toString());
        assertThat(accepted.json().get("emailVerification").asString()).isEqualTo("VERIFIED");
        ApiClient member = anonymous.withKey(accepted.json().get("apiKey").asString());
        assertThat(member.get("/api/v1/workspace").json().get("role").asString()).isEqualTo("VIEWER");
        assertThat(member.post("/api/v1/monitors", Map.of()).status()).isEqualTo(403);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.errorFields()).containsExactly("token");
        assertThat(tenant.owner().get("/api/v1/members/" + invited.get("userId").asString()).status())
                .as("the invitation is used up").isEqualTo(404);
        assertThat(tenant.owner().get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(email)).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("ACTIVE");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE lower(email) = lower(?)")
                .param(email).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
    }

    @Test
    void expiredWithdrawnReplacedAndMadeUpInvitationsAreRefused() {
        Tenant tenant = Tenant.create(port);
        String expiredEmail = "e-" + UUID.randomUUID() + "@example.com";
        String withdrawnEmail = "w-" + UUID.randomUUID() + "@example.com";
        String replacedEmail = "r-" + UUID.randomUUID() + "@example.com";
        JsonNode expired = tenant.owner().post("/api/v1/members", Map.of("email", expiredEmail, "role", "VIEWER"))
                .json();
        JsonNode withdrawn = tenant.owner().post("/api/v1/members", Map.of("email", withdrawnEmail,
                "role", "VIEWER")).json();
        tenant.owner().post("/api/v1/members", Map.of("email", replacedEmail, "role", "VIEWER"));
        String replacedToken = TestMail.token(replacedEmail, "/invitation");
        tenant.owner().post("/api/v1/members", Map.of("email", replacedEmail, "role", "VIEWER"));
        TestMail.link(replacedEmail, "/invitation", 2);
        jdbc.sql("UPDATE workspace_invitations SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")
                .param(expired.get("userId").asString()).update();
        tenant.owner().delete("/api/v1/members/" + withdrawn.get("userId").asString());
        ApiClient anonymous = new ApiClient(port);

        for (String token : new String[] {TestMail.token(expiredEmail, "/invitation"),
                TestMail.token(withdrawnEmail, "/invitation"), replacedToken, "vgi_" + "x".repeat(32), "nonsense"}) {
            ApiClient.Response response = anonymous.post("/api/v1/invitations/accept", Map.of("token", token,
                    "password", "a long enough password"));
            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.errorFields()).containsExactly("token");
        }
        assertThat(anonymous.post("/api/v1/invitations/accept", Map.of("token", "vgi_x", "password", "short"))
                .errorFields()).containsExactly("password");
    }

    @Test
    void aRoleChangeTakesEffectOnTheMembersKeysAtOnce() {
        Tenant tenant = Tenant.create(port);
        Map<String, Object> monitor = Map.of("name", "x", "type", "TCP", "host", "example.com", "port", 22);
        assertThat(tenant.teammate().post("/api/v1/monitors", monitor).status()).isEqualTo(201);

        JsonNode demoted = tenant.owner().put("/api/v1/members/" + tenant.teammateId(), Map.of("role", "VIEWER"))
                .json();
        assertThat(demoted.get("role").asString()).isEqualTo("VIEWER");
        assertThat(tenant.teammate().post("/api/v1/monitors", monitor).status()).isEqualTo(403);

        tenant.owner().put("/api/v1/members/" + tenant.teammateId(), Map.of("role", "OWNER"));
        assertThat(tenant.teammate().get("/api/v1/workspace").json().get("role").asString())
                .as("a key keeps its own role (ADMIN) when its creator is promoted").isEqualTo("ADMIN");
    }

    @Test
    void aRemovedMembersKeysStopWorkingAtOnce() {
        Tenant tenant = Tenant.create(port);

        ApiClient.Response removed = tenant.owner().delete("/api/v1/members/" + tenant.teammateId());

        assertThat(removed.status()).isEqualTo(204);
        assertThat(tenant.teammate().get("/api/v1/regions").status()).isEqualTo(401);
        assertThat(tenant.owner().get("/api/v1/members/" + tenant.teammateId()).status()).isEqualTo(404);
        assertThat(tenant.owner().get("/api/v1/api-keys").json().get("items").valueStream()
                .map(k -> k.get("role").asString())).doesNotContain("ADMIN");
    }

    @Test
    void anAdminCannotTouchOwnersNorMakeOne() {
        Tenant tenant = Tenant.create(port);
        String ownerId = tenant.owner().get("/api/v1/members").json().get("items").get(0).get("userId").asString();

        assertThat(tenant.teammate().put("/api/v1/members/" + ownerId, Map.of("role", "VIEWER")).status())
                .isEqualTo(403);
        assertThat(tenant.teammate().delete("/api/v1/members/" + ownerId).status()).isEqualTo(403);
        assertThat(tenant.teammate().put("/api/v1/members/" + tenant.teammateId(), Map.of("role", "OWNER"))
                .status()).isEqualTo(403);
        assertThat(tenant.teammate().post("/api/v1/members", Map.of("email", "o-" + UUID.randomUUID()
                + "@example.com", "role", "OWNER")).status()).isEqualTo(403);
        assertThat(tenant.teammate().post("/api/v1/members", Map.of("email", "v-" + UUID.randomUUID()
                + "@example.com", "role", "VIEWER")).status()).isEqualTo(201);
    }

    @Test
    void theLastOwnerCanNeitherLeaveNorBeDemoted() {
        Tenant tenant = Tenant.create(port);
        String ownerId = tenant.owner().get("/api/v1/members").json().get("items").get(0).get("userId").asString();

        ApiClient.Response demote = tenant.owner().put("/api/v1/members/" + ownerId, Map.of("role", "ADMIN"));
        ApiClient.Response leave = tenant.owner().delete("/api/v1/members/" + ownerId);
        tenant.owner().put("/api/v1/members/" + tenant.teammateId(), Map.of("role", "OWNER"));
        ApiClient.Response leaveNow = tenant.owner().delete("/api/v1/members/" + ownerId);

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("detail").asString()).contains("at least one owner");
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leaveNow.status()).isEqualTo(204);
        assertThat(tenant.owner().get("/api/v1/regions").status()).isEqualTo(401);
    }

    @Test
    void badMemberRequestsNameTheField() {
        ApiClient owner = new ApiClient(port).signUp();

        assertThat(owner.post("/api/v1/members", Map.of("email", "not-an-email", "role", "ADMIN")).errorFields())
                .containsExactly("email");
        assertThat(owner.post("/api/v1/members", Map.of("email", "a@example.com")).errorFields())
                .containsExactly("role");
        assertThat(owner.post("/api/v1/members", Map.of("email", "a@example.com", "role", "GOD")).errorFields())
                .containsExactly("role");
        assertThat(owner.post("/api/v1/members", Map.of("email", "a@example.com", "role", "ADMIN", "x", 1))
                .errorFields()).containsExactly("x");
    }

    @Test
    void theWorkspaceIsShownAndOnlyAnOwnerRenamesIt() {
        Tenant tenant = Tenant.create(port);

        JsonNode workspace = tenant.viewer().get("/api/v1/workspace").json();
        ApiClient.Response byAdmin = tenant.teammate().put("/api/v1/workspace", Map.of("name", "Mine now"));
        ApiClient.Response invalid = tenant.owner().put("/api/v1/workspace", Map.of("name", ""));
        JsonNode renamed = tenant.owner().put("/api/v1/workspace", Map.of("name", "Production")).json();

        assertThat(workspace.get("id").asString()).isEqualTo(tenant.workspaceId().toString());
        assertThat(workspace.get("role").asString()).isEqualTo("VIEWER");
        assertThat(workspace.get("members").asInt()).isEqualTo(2);
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(invalid.errorFields()).containsExactly("name");
        assertThat(renamed.get("name").asString()).isEqualTo("Production");
    }
}
