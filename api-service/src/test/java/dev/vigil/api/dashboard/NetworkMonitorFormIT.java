package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The monitor form creates and edits issue 17's network types as the API does, and shows their fields' errors. */
@ApiServiceTest
class NetworkMonitorFormIT {

    @LocalServerPort
    int port;

    @Test
    void createsAndEditsEveryNetworkTypeThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("net-" + UUID.randomUUID() + "@example.com"));
        List<Map<String, String>> forms = List.of(
                Map.of("type", "PING", "host", "192.0.2.1", "packetCount", "5", "maxPacketLossPercent", "20"),
                Map.of("type", "UDP", "host", "example.com", "port", "27015", "payload", "ffff",
                        "payloadEncoding", "HEX", "assertions", "BODY MATCHES ^ff"),
                Map.of("type", "DOMAIN", "host", "example.com", "minDaysValid", "45"),
                Map.of("type", "SMTP", "host", "mx.example.com", "port", "587", "tlsMode", "STARTTLS",
                        "minDaysValid", "10"),
                Map.of("type", "IMAP", "host", "imap.example.com", "tlsMode", "IMPLICIT"),
                Map.of("type", "POP3", "host", "pop.example.com", "tlsMode", "NONE", "minDaysValid", "14"));
        for (Map<String, String> fields : forms) {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("name", "Form " + fields.get("type"));
            form.put("intervalSeconds", "120");
            browser.get("/app/monitors/new");
            DashboardSession.Page created = browser.post("/app/monitors", form);
            assertThat(created.status()).as(fields.get("type") + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/monitors/".length());
            JsonNode monitor = api.get("/api/v1/monitors/" + id).json();
            assertThat(monitor.get("type").asString()).isEqualTo(fields.get("type"));

            assertThat(browser.get("/app/monitors/" + id + "/edit").status()).isEqualTo(200);
            form.put("name", "Edited " + fields.get("type"));
            assertThat(browser.post("/app/monitors/" + id, form).status()).isEqualTo(302);
            assertThat(api.get("/api/v1/monitors/" + id).json().get("name").asString())
                    .isEqualTo("Edited " + fields.get("type"));
            assertThat(browser.get("/app/monitors/" + id).status()).isEqualTo(200);
        }
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        api.get("/api/v1/monitors").json().get("items").valueStream()
                .forEach(m -> byType.put(m.get("type").asString(), m));
        assertThat(byType.get("PING").get("packetCount").asInt()).isEqualTo(5);
        assertThat(byType.get("UDP").get("payload").asString()).isEqualTo("ffff");
        assertThat(byType.get("UDP").get("assertions").get(0).get("target").asString()).isEqualTo("^ff");
        assertThat(byType.get("DOMAIN").get("minDaysValid").asInt()).isEqualTo(45);
        assertThat(byType.get("SMTP").get("port").asInt()).isEqualTo(587);
        assertThat(byType.get("IMAP").get("port").asInt()).isEqualTo(993);
        // With tlsMode NONE the form does not send minDaysValid (there is no certificate to judge).
        assertThat(byType.get("POP3").has("minDaysValid")).isFalse();
    }

    @Test
    void aBadFieldIsShownBesideItAndNothingIsCreated() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("net-bad-" + UUID.randomUUID() + "@example.com"));
        browser.get("/app/monitors/new");

        DashboardSession.Page page = browser.post("/app/monitors", Map.of("name", "Bad ping", "type", "PING",
                "host", "192.0.2.1", "packetCount", "99", "intervalSeconds", "120"));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"packetCount-error\"").contains("packetCount must be between 1 and 10");
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isZero();
    }
}
