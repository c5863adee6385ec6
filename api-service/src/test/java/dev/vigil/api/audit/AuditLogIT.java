package dev.vigil.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class AuditLogIT {

    @LocalServerPort
    int port;

    @Test
    void monitorChangesAreRecordedWithWhoWhenAndWhatWithoutSecrets() {
        Tenant tenant = Tenant.create(port);
        ApiClient admin = tenant.teammate();
        String id = admin.post("/api/v1/monitors", Map.of("name", "API", "type", "HTTP",
                "url", "https://example.com/health?token=hunter2", "headers", Map.of("Authorization", "Bearer s3cr3t")))
                .json().get("id").asString();
        admin.put("/api/v1/monitors/" + id, Map.of("name", "API v2", "type", "HTTP",
                "url", "https://example.com/health?token=hunter3", "headers", Map.of("Authorization", "Bearer n3w"),
                "intervalSeconds", 120));
        admin.post("/api/v1/monitors/" + id + "/pause");
        admin.post("/api/v1/monitors/" + id + "/resume");
        admin.delete("/api/v1/monitors/" + id);

        ApiClient.Response log = tenant.viewer().get("/api/v1/audit-log?resourceType=MONITOR&resourceId=" + id);

        JsonNode items = log.json().get("items");
        assertThat(items.valueStream().map(e -> e.get("action").asString()).toList()).containsExactly(
                "monitor.deleted", "monitor.resumed", "monitor.paused", "monitor.updated", "monitor.created");
        JsonNode updated = items.get(3);
        assertThat(updated.get("actor").get("label").asString()).contains("teammate-").contains("via key vgl_");
        assertThat(updated.get("actor").get("apiKeyId").asString()).isNotBlank();
        assertThat(updated.get("actor").get("userId").asString()).isEqualTo(tenant.teammateId().toString());
        assertThat(updated.get("occurredAt").asString()).isNotBlank();
        JsonNode changes = updated.get("summary").get("changes");
        assertThat(changes.get("name").get("from").asString()).isEqualTo("API");
        assertThat(changes.get("name").get("to").asString()).isEqualTo("API v2");
        assertThat(changes.get("intervalSeconds").get("to").asInt()).isEqualTo(120);
        assertThat(changes.get("headers").asString()).isEqualTo("(redacted)");
        assertThat(changes.get("url").get("to").asString()).isEqualTo("https://example.com/health?(redacted)");
        assertThat(changes.has("status")).isFalse();
        assertThat(log.body()).doesNotContain("s3cr3t").doesNotContain("n3w").doesNotContain("hunter");
        assertThat(items.get(4).get("summary").get("target").asString())
                .isEqualTo("GET https://example.com/health?(redacted)");
    }

    @Test
    void keyAndMemberChangesAreRecordedWithoutTheKeys() {
        Tenant tenant = Tenant.create(port);
        JsonNode key = tenant.owner().post("/api/v1/api-keys", Map.of("name", "Deploys", "role", "VIEWER")).json();
        tenant.owner().delete("/api/v1/api-keys/" + key.get("id").asString());
        tenant.owner().put("/api/v1/members/" + tenant.teammateId(), Map.of("role", "VIEWER"));
        tenant.owner().delete("/api/v1/members/" + tenant.teammateId());
        tenant.owner().put("/api/v1/workspace", Map.of("name", "Renamed"));

        ApiClient.Response log = tenant.owner().get("/api/v1/audit-log?size=200");

        List<String> actions = log.json().get("items").valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions).containsSubsequence("workspace.renamed", "member.removed", "member.role_changed",
                "api_key.revoked", "api_key.created", "member.joined", "member.invited", "api_key.created",
                "workspace.created");
        assertThat(log.body()).doesNotContain(key.get("key").asString()).doesNotContain(tenant.owner().key())
                .contains(key.get("prefix").asString());
        JsonNode removed = log.json().get("items").get(1);
        assertThat(removed.get("summary").get("keysRevoked")).hasSize(1);
        JsonNode roleChange = log.json().get("items").get(2).get("summary").get("changes").get("role");
        assertThat(roleChange.get("from").asString()).isEqualTo("ADMIN");
        assertThat(roleChange.get("to").asString()).isEqualTo("VIEWER");
    }

    @Test
    void theLogIsPagedAndFiltered() {
        ApiClient owner = new ApiClient(port).signUp();
        for (int i = 0; i < 3; i++) {
            owner.post("/api/v1/api-keys", Map.of("name", "k" + i));
        }

        JsonNode page = owner.get("/api/v1/audit-log?page=1&size=2").json();
        JsonNode keysOnly = owner.get("/api/v1/audit-log?resourceType=API_KEY").json();

        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(2);
        assertThat(keysOnly.get("total").asInt()).isEqualTo(4);
        assertThat(owner.get("/api/v1/audit-log?resourceType=ROCKET").errorFields()).containsExactly("resourceType");
        assertThat(owner.get("/api/v1/audit-log?resourceId=nope").errorFields()).containsExactly("resourceId");
        assertThat(owner.get("/api/v1/audit-log?resourceId=" + UUID.randomUUID()).json().get("total").asInt())
                .isZero();
    }
}
