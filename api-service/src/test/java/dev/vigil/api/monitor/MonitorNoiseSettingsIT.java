package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 19's per-monitor noise settings through the API: stored on the monitor, answered back, kept by a PUT of what
 * a GET answered, cleared by a PUT without them, carried by vigil.yaml export and apply; and the alerting service's
 * flapping flag shown.
 */
@ApiServiceTest
class MonitorNoiseSettingsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> NOISE = Map.of("failuresInRow", 3, "recoveryRounds", 2,
            "flapDetection", true, "flapTransitions", 5, "flapWindowRounds", 20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> monitor(Object noise) {
        Map<String, Object> monitor = new LinkedHashMap<>(Map.of("name", "Homepage", "type", "HTTP",
                "url", "https://example.com/health", "regions", List.of("local-a", "local-b")));
        if (noise != null) {
            monitor.put("noise", noise);
        }
        return monitor;
    }

    private Map<String, Object> stored(String id) {
        return jdbc.sql("""
                        SELECT failures_in_row, recovery_rounds, flap_detection, flap_transitions, flap_window_rounds
                        FROM monitors WHERE id = ?""").param(UUID.fromString(id)).query().singleRow();
    }

    @Test
    void settingsAreStoredAnsweredAndKeptByAPutOfWhatAGetAnswered() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response created = api.post("/api/v1/monitors", monitor(NOISE));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(stored(id)).containsEntry("failures_in_row", 3).containsEntry("recovery_rounds", 2)
                .containsEntry("flap_detection", true).containsEntry("flap_transitions", 5)
                .containsEntry("flap_window_rounds", 20);
        String read = api.get("/api/v1/monitors/" + id).body();
        JsonNode readJson = JSON.readTree(read);
        assertThat(JSON.convertValue(readJson.get("noise"), Map.class)).isEqualTo(NOISE);
        assertThat(readJson.get("flapping").asBoolean()).isFalse();

        // What a GET answered goes back unchanged, read-only fields and all.
        assertThat(api.send("PUT", "/api/v1/monitors/" + id, "application/json", read).status()).isEqualTo(200);
        assertThat(stored(id)).containsEntry("failures_in_row", 3).containsEntry("flap_window_rounds", 20);

        ApiClient.Response partial = api.put("/api/v1/monitors/" + id, monitor(Map.of("recoveryRounds", 4)));
        assertThat(partial.status()).as("%s", partial).isEqualTo(200);
        assertThat(JSON.convertValue(partial.json().get("noise"), Map.class)).isEqualTo(Map.of("recoveryRounds", 4));
        assertThat(stored(id)).containsEntry("recovery_rounds", 4).containsEntry("failures_in_row", null);

        // PUT replaces the definition: without noise, the deployment's settings again.
        ApiClient.Response cleared = api.put("/api/v1/monitors/" + id, monitor(null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("noise")).isFalse();
        assertThat(stored(id).values()).containsOnlyNulls();
        assertThat(api.get("/api/v1/audit-log?size=20").body()).contains("monitor.updated");
    }

    @Test
    void aMonitorWithoutSettingsOfItsOwnAnswersNone() {
        ApiClient api = new ApiClient(port).signUp();

        JsonNode created = api.post("/api/v1/monitors", monitor(Map.of())).json();

        assertThat(created.has("noise")).isFalse();
        assertThat(stored(created.get("id").asString()).values()).containsOnlyNulls();
    }

    @Test
    void invalidSettingsAreRefusedWithTheirFieldAndChangeNothing() {
        ApiClient api = new ApiClient(port).signUp();
        String id = api.post("/api/v1/monitors", monitor(NOISE)).json().get("id").asString();

        ApiClient.Response refused = api.put("/api/v1/monitors/" + id, monitor(Map.of("failuresInRow", 0,
                "flapTransitions", 30, "flapWindowRounds", 10)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.errorFields()).contains("noise.failuresInRow", "noise.flapTransitions");
        assertThat(refused.errorFor("noise.flapTransitions")).contains("flapWindowRounds");
        assertThat(stored(id)).containsEntry("failures_in_row", 3).containsEntry("flap_transitions", 5);
    }

    @Test
    void aFlappingMonitorSaysSo() {
        ApiClient api = new ApiClient(port).signUp();
        String id = api.post("/api/v1/monitors", monitor(null)).json().get("id").asString();
        jdbc.sql("""
                        INSERT INTO monitor_states (monitor_id, status, flapping) VALUES (?, 'DOWN', true)
                        ON CONFLICT (monitor_id) DO UPDATE SET flapping = true""")
                .param(UUID.fromString(id)).update();

        assertThat(api.get("/api/v1/monitors/" + id).json().get("flapping").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/monitors").json().get("items").get(0).get("flapping").asBoolean()).isTrue();
    }

    @Test
    void exportCarriesTheSettingsAndApplyingTheDocumentSetsThem() {
        Tenant source = Tenant.create(port);
        Tenant.require(source.owner().post("/api/v1/monitors", monitor(NOISE)), 201);
        Tenant.require(source.owner().post("/api/v1/monitors", monitor(null)), 201);

        JsonNode exported = JSON.readTree(source.owner().get("/api/v1/export").body());
        List<JsonNode> specs = exported.get("monitors").valueStream().toList();
        assertThat(specs).hasSize(2);
        assertThat(specs.stream().filter(m -> m.has("noise"))
                .map(m -> JSON.convertValue(m.get("noise"), Map.class)).toList()).containsExactly(NOISE);

        Tenant target = Tenant.create(port);
        ApiClient.Response applied = target.owner().postRaw("/api/v1/apply?dryRun=false", exported.toString());
        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        List<JsonNode> monitors = target.owner().get("/api/v1/monitors").json().get("items").valueStream().toList();
        assertThat(monitors).hasSize(2);
        assertThat(monitors.stream().filter(m -> m.has("noise"))
                .map(m -> JSON.convertValue(m.get("noise"), Map.class)).toList()).containsExactly(NOISE);

        // Applied again with a setting changed: planned as a change of noise, then made.
        ((ObjectNode) specs.stream().filter(m -> m.has("noise")).findFirst().orElseThrow().get("noise"))
                .put("recoveryRounds", 3);
        ApiClient.Response plan = target.owner().postRaw("/api/v1/apply?dryRun=true", exported.toString());
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        assertThat(plan.body()).contains("noise");
        Tenant.require(target.owner().postRaw("/api/v1/apply?dryRun=false", exported.toString()), 200);
        assertThat(target.owner().get("/api/v1/monitors").body()).contains("\"recoveryRounds\":3");
    }
}
