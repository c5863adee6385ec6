package dev.vigil.alerting.notify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** An incident a failed browser check opened links its screenshot: a fact for people, absolute URLs in webhooks. */
class ScreenshotLinkTests {

    private static final URI DASHBOARD = URI.create("https://vigil.test/");

    private static ObjectNode payload() {
        Map<String, Object> screenshot = Map.of("resultId", "j-1",
                "path", "/api/v1/monitors/m-1/results/j-1/screenshot", "page", "/app/monitors/m-1/results/j-1");
        return (ObjectNode) WireJson.mapper().readTree(WireJson.write(Map.of(
                "monitor", Map.of("id", "m-1", "name", "Shop", "type", "BROWSER", "target", "https://shop.example/"),
                "incident", Map.of("id", "i-1", "kind", "DOWN", "cause", "step 6 (waitForUrl /dashboard): ...",
                        "startedAt", "2026-03-02T09:00:00Z", "regions", List.of("local-a"),
                        "screenshot", screenshot))));
    }

    @Test
    void theAlertNamesTheScreenshotsPage() {
        AlertMessage message = AlertMessage.of("incident.opened", payload(), DASHBOARD);

        assertThat(message.facts()).containsEntry("Screenshot", "https://vigil.test/app/monitors/m-1/results/j-1");
        assertThat(message.plainText()).contains("Screenshot: https://vigil.test/app/monitors/m-1/results/j-1");
    }

    @Test
    void aWebhookCarriesTheScreenshotsAbsoluteUrls() {
        ObjectNode body = payload();
        WebhookSender.screenshotUrls(body, AlertMessage.of("incident.opened", body, DASHBOARD));

        assertThat(body.path("incident").path("screenshot").path("url").asString())
                .isEqualTo("https://vigil.test/api/v1/monitors/m-1/results/j-1/screenshot");
        assertThat(body.path("incident").path("screenshot").path("pageUrl").asString())
                .isEqualTo("https://vigil.test/app/monitors/m-1/results/j-1");
    }

    @Test
    void anEmailLinksTheScreenshotsPage() {
        String html = EmailSender.html(AlertMessage.of("incident.opened", payload(), DASHBOARD));

        assertThat(html).contains("<a href=\"https://vigil.test/app/monitors/m-1/results/j-1\">");
    }

    @Test
    void anIncidentWithoutAScreenshotHasNoLink() {
        ObjectNode body = payload();
        ((ObjectNode) body.get("incident")).remove("screenshot");
        AlertMessage message = AlertMessage.of("incident.opened", body, DASHBOARD);
        WebhookSender.screenshotUrls(body, message);

        assertThat(message.facts()).doesNotContainKey("Screenshot");
        assertThat(body.path("incident").has("screenshot")).isFalse();
    }
}
