package dev.vigil.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 17's network types as code: applied, applied again without changes, exported and re-applied elsewhere. */
@ApiServiceTest
class NetworkMonitorsApplyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String DOCUMENT = """
            {"version": 1,
             "monitors": [
               {"key": "router", "name": "Router", "type": "PING", "host": "192.0.2.1", "packetCount": 4,
                "maxPacketLossPercent": 25},
               {"key": "game", "name": "Game", "type": "UDP", "host": "game.example.com", "port": 27015,
                "payload": "ff00", "payloadEncoding": "HEX",
                "assertions": [{"source": "BODY", "comparison": "CONTAINS", "target": "ff"}]},
               {"key": "domain", "name": "Domain", "type": "DOMAIN", "host": "example.com", "minDaysValid": 40,
                "intervalSeconds": 86400},
               {"key": "mx", "name": "MX", "type": "SMTP", "host": "mx.example.com", "tlsMode": "STARTTLS"},
               {"key": "imap", "name": "IMAP", "type": "IMAP", "host": "imap.example.com", "port": 993},
               {"key": "pop", "name": "POP3", "type": "POP3", "host": "pop.example.com", "tlsMode": "NONE"}]}
            """;

    @LocalServerPort
    int port;

    private static ApiClient.Response apply(ApiClient api, String document, String query) {
        return api.postRaw("/api/v1/apply?" + query, document);
    }

    private static List<String> actions(ApiClient.Response plan) {
        return plan.json().get("changes").valueStream()
                .map(c -> c.get("action").asString() + " " + c.get("key").asString()).toList();
    }

    @Test
    void appliedTwiceChangesNothingTheSecondTimeAndAnEditIsAnUpdate() {
        Tenant tenant = Tenant.create(port);

        ApiClient.Response first = apply(tenant.owner(), DOCUMENT, "");
        ApiClient.Response second = apply(tenant.owner(), DOCUMENT, "dryRun=true");
        ApiClient.Response edited = apply(tenant.owner(), DOCUMENT.replace("\"packetCount\": 4", "\"packetCount\": 6")
                .replace("\"tlsMode\": \"STARTTLS\"", "\"tlsMode\": \"IMPLICIT\""), "dryRun=true");

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(actions(first)).containsExactly("create router", "create game", "create domain", "create mx",
                "create imap", "create pop");
        assertThat(second.json().get("changes").size()).as("%s", second).isZero();
        assertThat(second.json().get("summary").get("unchanged").asInt()).isEqualTo(6);
        assertThat(actions(edited)).containsExactly("update router", "update mx");
        JsonNode items = tenant.owner().get("/api/v1/monitors").json().get("items");
        assertThat(items.valueStream().filter(m -> m.get("type").asString().equals("IMAP")).findFirst().orElseThrow()
                .get("tlsMode").asString()).isEqualTo("IMPLICIT");
    }

    @Test
    void anExportReproducesTheMonitorsInAnotherWorkspace() {
        Tenant source = Tenant.create(port);
        assertThat(apply(source.owner(), DOCUMENT, "").status()).isEqualTo(200);

        String exported = source.owner().get("/api/v1/export").body();
        Tenant target = Tenant.create(port);
        ApiClient.Response applied = apply(target.owner(), exported, "");

        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        JsonNode before = JSON.readTree(exported).get("monitors");
        JsonNode after = JSON.readTree(target.owner().get("/api/v1/export").body()).get("monitors");
        assertThat(after).isEqualTo(before);
        assertThat(exported).contains("\"payloadEncoding\":\"HEX\"").contains("\"maxPacketLossPercent\":25");
    }

    @Test
    void aBadFieldIsNamedByItsPathInTheDocument() {
        Tenant tenant = Tenant.create(port);

        ApiClient.Response refused = apply(tenant.owner(), DOCUMENT.replace("\"tlsMode\": \"NONE\"",
                "\"tlsMode\": \"MAYBE\""), "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).anyMatch(f -> f.endsWith("tlsMode"));
    }
}
