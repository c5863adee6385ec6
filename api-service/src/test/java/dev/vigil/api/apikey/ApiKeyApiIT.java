package dev.vigil.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class ApiKeyApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewKeyIsShownOnceStoredAsAHashAndWorks() {
        ApiClient owner = new ApiClient(port).signUp();

        JsonNode created = Tenant.require(owner.post("/api/v1/api-keys", Map.of("name", "CI")), 201).json();

        String key = created.get("key").asString();
        String id = created.get("id").asString();
        assertThat(key).startsWith("vgl_").hasSize(36).startsWith(created.get("prefix").asString());
        assertThat(created.get("role").asString()).isEqualTo("OWNER");
        assertThat(owner.withKey(key).get("/api/v1/monitors").status()).isEqualTo(200);
        String listed = owner.get("/api/v1/api-keys").body();
        assertThat(listed).contains(id).contains(created.get("prefix").asString()).doesNotContain(key);
        JsonNode one = owner.get("/api/v1/api-keys/" + id).json();
        assertThat(one.has("key")).isFalse();
        assertThat(one.get("name").asString()).isEqualTo("CI");
        byte[] stored = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = ?::uuid").param(id).query(byte[].class)
                .single();
        assertThat(HexFormat.of().formatHex(stored)).isEqualTo(HexFormat.of().formatHex(ApiKeyIssuer.hash(key)));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        ApiClient owner = new ApiClient(port).signUp();
        JsonNode created = owner.post("/api/v1/api-keys", Map.of("name", "Temporary")).json();
        ApiClient temporary = owner.withKey(created.get("key").asString());
        assertThat(temporary.get("/api/v1/monitors").status()).isEqualTo(200);

        ApiClient.Response revoked = owner.delete("/api/v1/api-keys/" + created.get("id").asString());

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(temporary.get("/api/v1/monitors").status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/api-keys/" + created.get("id").asString()).status()).isEqualTo(404);
        assertThat(owner.delete("/api/v1/api-keys/" + created.get("id").asString()).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/api-keys").body()).doesNotContain(created.get("id").asString());
    }

    @Test
    void aKeyMayRevokeItselfButNotTheLastOwnerKey() {
        ApiClient owner = new ApiClient(port).signUp();
        String ownId = owner.get("/api/v1/api-keys").json().get("items").get(0).get("id").asString();

        ApiClient.Response last = owner.delete("/api/v1/api-keys/" + ownId);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("detail").asString()).contains("last OWNER key");
        ApiClient successor = owner.withKey(owner.post("/api/v1/api-keys", Map.of("name", "Successor")).json()
                .get("key").asString());

        assertThat(owner.delete("/api/v1/api-keys/" + ownId).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/api-keys").status()).isEqualTo(401);
        assertThat(successor.get("/api/v1/api-keys").status()).isEqualTo(200);
    }

    @Test
    void lastUseIsRecorded() {
        ApiClient owner = new ApiClient(port).signUp();
        JsonNode created = owner.post("/api/v1/api-keys", Map.of("name", "Used")).json();
        String id = created.get("id").asString();
        assertThat(owner.get("/api/v1/api-keys/" + id).json().has("lastUsedAt")).isFalse();

        owner.withKey(created.get("key").asString()).get("/api/v1/regions");

        assertThat(owner.get("/api/v1/api-keys/" + id).json().get("lastUsedAt").asString()).isNotBlank();
    }

    @Test
    void aKeyCanHaveAtMostItsCreatorsRoleAndAViewerKeyOnlyReads() {
        Tenant tenant = Tenant.create(port);

        ApiClient.Response ownerKeyByAdmin = tenant.teammate().post("/api/v1/api-keys",
                Map.of("name", "Escalation", "role", "OWNER"));
        JsonNode adminDefault = tenant.teammate().post("/api/v1/api-keys", Map.of("name", "Mine")).json();
        ApiClient.Response unknownRole = tenant.owner().post("/api/v1/api-keys", Map.of("name", "x", "role", "ROOT"));

        assertThat(ownerKeyByAdmin.status()).isEqualTo(400);
        assertThat(ownerKeyByAdmin.errorFor("role")).contains("at most your own (ADMIN)");
        assertThat(adminDefault.get("role").asString()).isEqualTo("ADMIN");
        assertThat(unknownRole.errorFields()).containsExactly("role");
        assertThat(tenant.viewer().get("/api/v1/monitors").status()).isEqualTo(200);
        assertThat(tenant.viewer().post("/api/v1/api-keys", Map.of("name", "more")).status()).isEqualTo(403);
    }

    @Test
    void anAdminCannotRevokeAnOwnersKeyButAnOwnerCanRevokeAnAdmins() {
        Tenant tenant = Tenant.create(port);
        JsonNode keys = tenant.owner().get("/api/v1/api-keys").json().get("items");
        String ownerKey = keys.valueStream().filter(k -> k.get("role").asString().equals("OWNER")).findFirst()
                .orElseThrow().get("id").asString();
        String adminKey = keys.valueStream().filter(k -> k.get("role").asString().equals("ADMIN")).findFirst()
                .orElseThrow().get("id").asString();

        ApiClient.Response byAdmin = tenant.teammate().delete("/api/v1/api-keys/" + ownerKey);
        ApiClient.Response byOwner = tenant.owner().delete("/api/v1/api-keys/" + adminKey);

        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(byAdmin.isProblem()).isTrue();
        assertThat(byOwner.status()).isEqualTo(204);
        assertThat(tenant.teammate().get("/api/v1/regions").status()).isEqualTo(401);
    }

    @Test
    void badKeyRequestsNameTheField() {
        ApiClient owner = new ApiClient(port).signUp();

        assertThat(owner.post("/api/v1/api-keys", Map.of()).errorFields()).containsExactly("name");
        assertThat(owner.post("/api/v1/api-keys", Map.of("name", " ")).errorFields()).containsExactly("name");
        assertThat(owner.post("/api/v1/api-keys", Map.of("name", "x".repeat(101))).errorFields())
                .containsExactly("name");
        assertThat(owner.post("/api/v1/api-keys", Map.of("name", "x", "scopes", "all")).errorFields())
                .containsExactly("scopes");
        assertThat(owner.get("/api/v1/api-keys/not-a-uuid").errorFields()).containsExactly("id");
    }
}
