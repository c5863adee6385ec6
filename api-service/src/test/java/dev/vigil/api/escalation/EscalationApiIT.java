package dev.vigil.api.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class EscalationApiIT {

    @LocalServerPort
    int port;

    private static String id(ApiClient.Response response) {
        return Tenant.require(response, 201).json().get("id").asString();
    }

    @Test
    void aPolicyOfChannelsAndARotationIsStoredReadAndRemoved() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String monitor = id(owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Escalated")));
        String channel = id(owner.post("/api/v1/alert-channels", ApiEndpoints.webhookChannel("Level 1")));
        JsonNode rotation = Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "WEEKLY", "startsAt", "2026-01-05T09:00:00Z",
                "memberIds", List.of(tenant.teammateId().toString()))), 201).json();
        assertThat(rotation.get("onCallNow").asString()).isEqualTo(tenant.teammateId().toString());

        ApiClient.Response put = owner.put("/api/v1/monitors/" + monitor + "/escalation-policy", Map.of("levels",
                List.of(Map.of("channelIds", List.of(channel), "afterMinutes", 15),
                        Map.of("rotationId", rotation.get("id").asString()))));
        assertThat(put.status()).isEqualTo(200);
        JsonNode levels = owner.get("/api/v1/monitors/" + monitor + "/escalation-policy").json().get("levels");
        assertThat(levels.size()).isEqualTo(2);
        assertThat(levels.get(0).get("afterMinutes").asInt()).isEqualTo(15);
        assertThat(levels.get(1).get("rotationId").asString()).isEqualTo(rotation.get("id").asString());

        assertThat(owner.delete("/api/v1/monitors/" + monitor + "/escalation-policy").status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/monitors/" + monitor + "/escalation-policy").status()).isEqualTo(404);
    }

    @Test
    void badPoliciesAreRefusedFieldByField() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String monitor = id(owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Escalated")));
        ApiClient other = new ApiClient(port).signUp();
        String foreign = id(other.post("/api/v1/alert-channels", ApiEndpoints.webhookChannel("Theirs")));

        ApiClient.Response response = owner.put("/api/v1/monitors/" + monitor + "/escalation-policy", Map.of(
                "levels", List.of(Map.of("channelIds", List.of(foreign)), Map.of("channelIds", List.of()))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("levels[0].channelIds[0]",
                "levels[0].afterMinutes", "levels[1]");
        assertThat(owner.put("/api/v1/monitors/" + monitor + "/escalation-policy", Map.of("levels", List.of()))
                .errorFields()).containsExactly("levels");
        assertThat(other.put("/api/v1/monitors/" + monitor + "/escalation-policy", Map.of("levels", List.of()))
                .status()).isEqualTo(404);
    }

    @Test
    void rotationsTakeOnlyWorkspaceMembersAndDefaultToTheCaller() {
        Tenant tenant = Tenant.create(port);
        Tenant stranger = Tenant.create(port);
        ApiClient.Response refused = tenant.owner().post("/api/v1/oncall-rotations", Map.of("name", "X",
                "handoff", "HOURLY", "startsAt", "yesterday",
                "memberIds", List.of(stranger.teammateId().toString())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("handoff", "startsAt", "memberIds[0]");

        JsonNode mine = Tenant.require(tenant.teammate().post("/api/v1/oncall-rotations", Map.of("name", "Solo",
                "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z")), 201).json();
        assertThat(mine.get("memberIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(tenant.teammateId().toString());
        String id = mine.get("id").asString();
        assertThat(stranger.owner().get("/api/v1/oncall-rotations/" + id).status()).isEqualTo(404);
        assertThat(tenant.owner().delete("/api/v1/oncall-rotations/" + id).status()).isEqualTo(204);
    }
}
