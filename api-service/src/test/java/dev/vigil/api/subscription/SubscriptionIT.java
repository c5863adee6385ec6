package dev.vigil.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.common.json.WireJson;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Subscribing, confirming and unsubscribing, and the outbox rows the api queues for subscribers (the alerting
 * service sends them: local-stack's SubscriberNotificationsIT follows them to GreenMail and a webhook receiver).
 */
@ApiServiceTest
class SubscriptionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient.Response form(String path, String body, boolean json) {
        ApiClient client = new ApiClient(port);
        HttpRequest.Builder request = client.request(path).header("Content-Type", "application/x-www-form-urlencoded");
        if (json) {
            request.header("Accept", "application/json");
        }
        return client.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The outbox payloads of {@code event} naming {@code needle}, oldest first. */
    private List<JsonNode> outbox(String event, String needle) {
        return jdbc.sql("""
                        SELECT payload::text FROM notification_outbox WHERE event = ? AND payload::text LIKE ?
                        ORDER BY created_at""")
                .params(event, "%" + needle + "%").query(String.class).list().stream()
                .map(WireJson.mapper()::readTree).toList();
    }

    private static String path(String confirmUrl) {
        return confirmUrl.replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void confirmationsUpdatesAndMaintenanceAreQueuedInTheOutboxForTheAlertingService() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("checkout")).json().get("id")
                .asString();
        String slug = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop", "components",
                List.of(Map.of("name", "Checkout", "monitorId", monitor)))).status()).isEqualTo(201);
        String ann = "ann-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response subscribed = form("/status/" + slug + "/subscribe", "email=" + ann, false);
        assertThat(subscribed.status()).isEqualTo(202);
        assertThat(subscribed.body()).contains("Check your inbox");
        UUID subscriber = jdbc.sql("SELECT id FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(UUID.class).single();
        List<JsonNode> confirmations = outbox("status.subscription-confirm", subscriber.toString());
        assertThat(confirmations).hasSize(1);
        assertThat(form("/status/" + slug + "/subscribe", "email=" + ann, false).status()).isEqualTo(202);
        assertThat(outbox("status.subscription-confirm", subscriber.toString())).as("no second confirmation")
                .hasSize(1);

        String confirmUrl = confirmations.getFirst().get("confirmUrl").asString();
        assertThat(confirmUrl).startsWith("https://vigil.test/status/" + slug + "/subscriptions/confirm?token=");
        ApiClient.Response confirmed = new ApiClient(port).get(path(confirmUrl));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscribed");
        assertThat(new ApiClient(port).get("/status/" + slug + "/subscriptions/confirm?token=" + "A".repeat(32))
                .status()).isEqualTo(404);

        UUID workspace = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        UUID incident = new Tenant(workspace, null, api, null, null, null).addOpenIncident(jdbc,
                UUID.fromString(monitor));
        assertThat(api.post("/api/v1/incidents/" + incident + "/updates", Map.of("status", "identified",
                "message", "The payment provider is down.")).status()).isEqualTo(201);
        List<JsonNode> updates = outbox("status.incident-update", incident.toString());
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().at("/update/message").asString()).isEqualTo("The payment provider is down.");
        assertThat(updates.getFirst().at("/monitor/id").asString()).isEqualTo(monitor);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.post("/api/v1/maintenances", Map.of("title", "Checkout upgrade", "monitorIds",
                List.of(monitor), "startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString()))
                .status()).isEqualTo(201);
        List<JsonNode> maintenance = outbox("status.maintenance-scheduled", "Checkout upgrade");
        assertThat(maintenance).hasSize(1);
        assertThat(maintenance.getFirst().at("/maintenance/monitorIds/0").asString()).isEqualTo(monitor);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM notification_outbox WHERE workspace_id = ? AND monitor_id IS NOT NULL
                          AND event LIKE 'status.%'""").param(workspace).query(Long.class).single())
                .as("no subscriber row reaches the alert channels' fan-out").isZero();

        String token = jdbc.sql("SELECT unsubscribe_token FROM status_page_subscribers WHERE id = ?")
                .param(subscriber).query(String.class).single();
        assertThat(new ApiClient(port).get("/status/" + slug + "/unsubscribe?token=" + token).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(Long.class).single()).isZero();
        assertThat(form("/status/" + slug + "/subscribe", "email=not-an-address", false).status()).isEqualTo(400);
    }

    @Test
    void webhookSubscribersAreGuardedGetASealedSecretOnceAndMayChooseComponents() {
        ApiClient api = new ApiClient(port).signUp();
        String checkout = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("checkout")).json().get("id")
                .asString();
        String search = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("search")).json().get("id")
                .asString();
        String slug = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode page = api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop", "components",
                List.of(Map.of("name", "Checkout", "monitorId", checkout),
                        Map.of("name", "Search", "monitorId", search)))).json();
        UUID pageId = UUID.fromString(page.get("id").asString());
        UUID searchComponent = jdbc.sql("SELECT id FROM status_page_components WHERE page_id = ? AND name = ?")
                .params(pageId, "Search").query(UUID.class).single();
        String subscribe = "/status/" + slug + "/subscribe";

        for (String refused : List.of("http://169.254.169.254/latest", "ftp://hooks.example.com/x",
                "https://user:pw@hooks.example.com/x", "not a url")) {
            ApiClient.Response answer = form(subscribe, "webhook=" + enc(refused), true);
            assertThat(answer.status()).as(refused).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("webhook");
        }
        assertThat(form(subscribe, "email=a%40example.com&webhook=" + enc("https://hooks.example.com/x"), true)
                .status()).as("one target only").isEqualTo(400);
        assertThat(form(subscribe, "webhook=" + enc("https://hooks.example.com/x") + "&components="
                + UUID.randomUUID(), true).status()).as("another page's component").isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE page_id = ?").param(pageId)
                .query(Long.class).single()).as("nothing stored on bad input").isZero();

        ApiClient.Response subscribed = form(subscribe, "webhook=" + enc("https://hooks.example.com/vigil")
                + "&components=" + searchComponent, true);
        assertThat(subscribed.status()).isEqualTo(202);
        String secret = subscribed.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        Map<String, Object> row = jdbc.sql("""
                        SELECT id, kind, secret_sealed, component_ids::text AS components FROM status_page_subscribers
                        WHERE page_id = ?""").param(pageId).query().singleRow();
        assertThat(row.get("kind")).isEqualTo("WEBHOOK");
        assertThat((String) row.get("secret_sealed")).doesNotContain(secret.substring(6));
        assertThat(row.get("components")).isEqualTo("{" + searchComponent + "}");
        assertThat(outbox("status.subscription-confirm", row.get("id").toString())).hasSize(1);
        ApiClient.Response again = form(subscribe, "webhook=" + enc("https://hooks.example.com/vigil"), true);
        assertThat(again.json().has("secret")).as("a secret is shown once").isFalse();
    }

    @Test
    void theAnswersOfTheSubscribeFormAndItsLinksAreInThePagesLanguage() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("checkout")).json().get("id")
                .asString();
        String slug = "de-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Laden", "language", "de",
                "components", List.of(Map.of("name", "Kasse", "monitorId", monitor)))).status()).isEqualTo(201);
        String ann = "anna-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response subscribed = form("/status/" + slug + "/subscribe", "email=" + ann, false);
        ApiClient.Response invalid = form("/status/" + slug + "/subscribe", "email=not-an-address", false);
        UUID subscriber = jdbc.sql("SELECT id FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(UUID.class).single();
        String confirmUrl = outbox("status.subscription-confirm", subscriber.toString()).getFirst()
                .get("confirmUrl").asString();
        ApiClient anonymous = new ApiClient(port);
        ApiClient.Response confirmed = anonymous.get(path(confirmUrl));
        ApiClient.Response badLink = anonymous.get("/status/" + slug + "/subscriptions/confirm?token="
                + "x".repeat(32));
        ApiClient.Response unsubscribed = anonymous.get("/status/" + slug + "/unsubscribe?token=" + "y".repeat(32));

        assertThat(subscribed.status()).isEqualTo(202);
        assertThat(subscribed.body()).contains("<html lang=\"de\"", "Bitte prüfen Sie Ihr Postfach",
                "Wir haben einen Bestätigungslink an " + ann + " gesendet.", "Zurück zur Statusseite")
                .doesNotContain("Check your inbox");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("Das sieht nicht richtig aus");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Abonniert", "Sie erhalten Störungsupdates und Wartungsankündigungen "
                + "von Laden.");
        assertThat(badLink.status()).isEqualTo(404);
        assertThat(badLink.body()).contains("Link ungültig");
        assertThat(unsubscribed.body()).contains("Abgemeldet");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
