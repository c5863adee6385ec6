package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The monitor form's "Alert noise" fieldset (issue 19): settings made and edited through the form reach the API,
 * blank fields are the deployment's, a bad value is shown next to the fieldset and saves nothing, and a flapping
 * monitor says so on its page.
 */
@ApiServiceTest
class DashboardNoiseSettingsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, String> form(String failuresInRow, String flapTransitions, String flapWindowRounds) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "Noisy site", "type", "HTTP",
                "url", "https://example.com/health", "method", "GET", "intervalSeconds", "120"));
        form.put("failuresInRow", failuresInRow);
        form.put("recoveryRounds", "");
        form.put("flapDetection", "true");
        form.put("flapTransitions", flapTransitions);
        form.put("flapWindowRounds", flapWindowRounds);
        return form;
    }

    @Test
    void noiseSettingsAreMadeShownAndEditedThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("noise-" + UUID.randomUUID() + "@example.com"));

        DashboardSession.Page empty = browser.get("/app/monitors/new");
        assertThat(empty.body()).contains("Alert noise").contains("id=\"failuresInRow\"")
                .contains("id=\"flapWindowRounds\"");
        DashboardSession.Page created = browser.post("/app/monitors", form("3", "5", "20"));
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        String id = created.location().substring("/app/monitors/".length());
        JsonNode noise = api.get("/api/v1/monitors/" + id).json().get("noise");
        assertThat(noise.get("failuresInRow").asInt()).isEqualTo(3);
        assertThat(noise.has("recoveryRounds")).isFalse();
        assertThat(noise.get("flapDetection").asBoolean()).isTrue();
        assertThat(noise.get("flapTransitions").asInt()).isEqualTo(5);
        assertThat(noise.get("flapWindowRounds").asInt()).isEqualTo(20);

        String edit = browser.get("/app/monitors/" + id + "/edit").body();
        assertThat(edit).containsPattern("id=\"failuresInRow\"[^>]*value=\"3\"")
                .containsPattern("id=\"flapWindowRounds\"[^>]*value=\"20\"")
                .containsPattern("<option value=\"true\" selected=\"selected\">On</option>");

        // More changes than rounds: refused next to the fieldset, nothing saved.
        DashboardSession.Page refused = browser.post("/app/monitors/" + id, form("3", "30", "10"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"noise-error\"").contains("flapWindowRounds");
        assertThat(api.get("/api/v1/monitors/" + id).json().get("noise").get("flapTransitions").asInt())
                .isEqualTo(5);
        DashboardSession.Page notANumber = browser.post("/app/monitors/" + id, form("three", "", ""));
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.body()).contains("failuresInRow must be a whole number");

        // All blank: back to the deployment's settings.
        Map<String, String> blank = form("", "", "");
        blank.put("flapDetection", "");
        assertThat(browser.post("/app/monitors/" + id, blank).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors/" + id).json().has("noise")).isFalse();

        assertThat(browser.get("/app/monitors/" + id).body()).doesNotContain("id=\"monitor-flapping\"");
        jdbc.sql("""
                        INSERT INTO monitor_states (monitor_id, status, flapping) VALUES (?, 'DOWN', true)
                        ON CONFLICT (monitor_id) DO UPDATE SET flapping = true""")
                .param(UUID.fromString(id)).update();
        assertThat(browser.get("/app/monitors/" + id).body()).contains("id=\"monitor-flapping\"");
    }
}
