package dev.vigil.alerting.notify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AlertMessageTests {

    private static final URI DASHBOARD = URI.create("https://vigil.test/");

    private static JsonNode payload(String monitorType, String kind, String cause, String resolvedAt) {
        Map<String, Object> incident = new java.util.HashMap<>(Map.of("id", "i-1", "kind", kind, "cause", cause,
                "startedAt", "2026-03-02T09:00:00Z", "regions", List.of("local-a")));
        if (resolvedAt != null) {
            incident.put("resolvedAt", resolvedAt);
        }
        return WireJson.mapper().readTree(WireJson.write(Map.of("monitor", Map.of("id", "m-1", "name", "Shop",
                "type", monitorType, "target", "shop.example:443"), "incident", incident)));
    }

    @Test
    void titlesSayWhatHappened() {
        assertThat(AlertMessage.of("incident.opened", payload("HTTP", "DOWN", "HTTP 503", null), DASHBOARD).title())
                .isEqualTo("DOWN: Shop");
        assertThat(AlertMessage.of("incident.opened", payload("HEARTBEAT", "HEARTBEAT_MISSED", "No ping", null),
                DASHBOARD).title()).isEqualTo("Heartbeat missed: Shop");
        assertThat(AlertMessage.of("incident.opened", payload("TLS", "DOWN", "Certificate expires in 6 days", null),
                DASHBOARD).title()).isEqualTo("TLS certificate expiring: Shop");
        assertThat(AlertMessage.of("incident.opened", payload("DOMAIN", "DOWN",
                "shop.example expires in 10 days (2026-03-12), fewer than the 30 required", null), DASHBOARD).title())
                .isEqualTo("Domain registration expiring: Shop");
        assertThat(AlertMessage.of("incident.opened", payload("DOMAIN", "DOWN",
                "the registry (rdap.example) has no record of shop.example", null), DASHBOARD).title())
                .isEqualTo("DOWN: Shop");
        assertThat(AlertMessage.of("incident.acknowledged", payload("HTTP", "DOWN", "x", null), DASHBOARD).title())
                .isEqualTo("Acknowledged: Shop");
        assertThat(AlertMessage.of("monitor.degraded", payload("HTTP", "DOWN", "x", null), DASHBOARD).severity())
                .isEqualTo(AlertMessage.Severity.WARNING);
        assertThat(AlertMessage.of("monitor.flapping", payload("HTTP", "DOWN", "x", null), DASHBOARD))
                .extracting(AlertMessage::title, AlertMessage::severity)
                .containsExactly("FLAPPING: Shop", AlertMessage.Severity.WARNING);
        assertThat(AlertMessage.of("monitor.settled", payload("HTTP", "DOWN", "x", null), DASHBOARD))
                .extracting(AlertMessage::title, AlertMessage::severity)
                .containsExactly("No longer flapping: Shop", AlertMessage.Severity.RESOLVED);
    }

    @Test
    void aResolutionCarriesTheDowntimeAndEveryMessageLinksTheDashboard() {
        AlertMessage resolved = AlertMessage.of("incident.resolved",
                payload("HTTP", "DOWN", "HTTP 503", "2026-03-02T10:02:03Z"), DASHBOARD);
        assertThat(resolved.title()).isEqualTo("RESOLVED: Shop (down 1h 2m 3s)");
        assertThat(resolved.facts()).containsEntry("Downtime", "1h 2m 3s").containsEntry("Regions", "local-a");
        assertThat(resolved.link()).isEqualTo("https://vigil.test/incidents/i-1");
        assertThat(resolved.plainText()).contains("Cause: HTTP 503").endsWith("https://vigil.test/incidents/i-1");
    }
}
