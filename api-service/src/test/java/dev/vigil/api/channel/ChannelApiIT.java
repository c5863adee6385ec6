package dev.vigil.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The channel API in SaaS mode (the default): only public addresses pass the SSRF guard. */
@ApiServiceTest
class ChannelApiIT {

    private static final String PUBLIC_URL = "https://93.184.215.14/hooks/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient.Response create(ApiClient api, String type, Map<String, Object> config) {
        return api.post("/api/v1/alert-channels", Map.of("name", type + " channel", "type", type, "config", config));
    }

    @Test
    void everyTypeIsCreatedWithItsSecretsRedactedAndSealedAtRest() {
        ApiClient api = new ApiClient(port).signUp();
        Map<String, Map<String, Object>> configs = Map.of(
                "EMAIL", Map.of("to", "ops@example.com, oncall@example.com"),
                "WEBHOOK", Map.of("url", PUBLIC_URL + "webhook", "secret", "s3cr3t-webhook-key-0001"),
                "SLACK", Map.of("webhookUrl", PUBLIC_URL + "T000/B000/slacktoken0001"),
                "DISCORD", Map.of("webhookUrl", PUBLIC_URL + "discord/12345/discordtoken0001"),
                "TEAMS", Map.of("webhookUrl", PUBLIC_URL + "teams/teamstoken0001"),
                "PAGERDUTY", Map.of("routingKey", "R0UT1NGKEY0000000000000000000001"),
                "TELEGRAM", Map.of("botToken", "123456:telegram-bot-token-000000001", "chatId", "-100200300"));
        configs.forEach((type, config) -> {
            ApiClient.Response created = create(api, type, config);
            assertThat(created.status()).as("%s → %s", type, created).isEqualTo(201);
            JsonNode body = created.json();
            assertThat(body.get("type").asString()).isEqualTo(type);
            assertThat(body.get("healthy").asBoolean()).isTrue();
            String id = body.get("id").asString();
            String read = api.get("/api/v1/alert-channels/" + id).body();
            String sealed = jdbc.sql("SELECT config_sealed || config_view::text FROM alert_channels WHERE id = ?")
                    .param(UUID.fromString(id)).query(String.class).single();
            for (String secret : List.of("s3cr3t-webhook-key-0001", "slacktoken0001", "discordtoken0001",
                    "teamstoken0001", "R0UT1NGKEY0000000000000000000001", "telegram-bot-token-000000001")) {
                assertThat(created.body()).doesNotContain(secret);
                assertThat(read).doesNotContain(secret);
                assertThat(sealed).doesNotContain(secret);
            }
        });
        JsonNode webhook = api.get("/api/v1/alert-channels").json().get("items").valueStream()
                .filter(c -> c.get("type").asString().equals("WEBHOOK")).findFirst().orElseThrow();
        assertThat(webhook.get("config").get("url").asString()).isEqualTo(PUBLIC_URL + "webhook");
        assertThat(webhook.get("config").get("secret").asString()).isEqualTo("…0001");
        assertThat(api.get("/api/v1/alert-channels").json().get("items").size()).isEqualTo(7);
    }

    @Test
    void aViewerSeesNoChannelUrlInFullWhileEditorsStillSeeAndReplaceIt() {
        Tenant tenant = Tenant.create(port);
        String hook = PUBLIC_URL + "webhook?token=viewer-must-not-see-0001";
        String id = create(tenant.owner(), "WEBHOOK", Map.of("url", hook, "secret", "s3cr3t-webhook-key-0001"))
                .json().get("id").asString();
        String slack = create(tenant.owner(), "SLACK", Map.of("webhookUrl", PUBLIC_URL + "T000/B000/slacktoken0001"))
                .json().get("id").asString();

        for (String path : List.of("/api/v1/alert-channels", "/api/v1/alert-channels/" + id,
                "/api/v1/alert-channels/" + slack)) {
            ApiClient.Response seen = tenant.viewer().get(path);
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.body()).doesNotContain("viewer-must-not-see-0001").doesNotContain("/hooks/webhook")
                    .doesNotContain("slacktoken0001");
            System.out.printf("attack: a VIEWER key reads GET %s for the webhook URL's token -> refused (redacted)%n",
                    path);
        }
        assertThat(tenant.viewer().get("/api/v1/alert-channels/" + id).json().get("config").get("url").asString())
                .isEqualTo("https://93.184.215.14/…");
        assertThat(tenant.viewer().put("/api/v1/alert-channels/" + id, Map.of("name", "mine", "type", "WEBHOOK"))
                .status()).isEqualTo(403);

        assertThat(tenant.owner().get("/api/v1/alert-channels/" + id).json().get("config").get("url").asString())
                .isEqualTo(hook);
        assertThat(tenant.teammate().get("/api/v1/alert-channels/" + id).json().get("config").get("url")
                .asString()).isEqualTo(hook);
        String replaced = PUBLIC_URL + "webhook?token=rotated-0002";
        ApiClient.Response put = tenant.teammate().put("/api/v1/alert-channels/" + id, Map.of("name", "hook",
                "type", "WEBHOOK", "config", Map.of("url", replaced, "secret", "s3cr3t-webhook-key-0002")));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().get("config").get("url").asString()).isEqualTo(replaced);
        assertThat(tenant.viewer().get("/api/v1/alert-channels/" + id).body()).doesNotContain("rotated-0002");
    }

    @Test
    void saasModeRefusesChannelUrlsThatReachInternalAddresses() {
        ApiClient api = new ApiClient(port).signUp();
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0.0.0.0/",
                "http://192.168.1.10/")) {
            ApiClient.Response response = create(api, "WEBHOOK", Map.of("url", url,
                    "secret", "a-webhook-secret-0123456789"));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.errorFields()).as(url).containsExactly("config.url");
            assertThat(create(api, "SLACK", Map.of("webhookUrl", url)).status()).as(url).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/alert-channels").json().get("items").size()).isZero();
    }

    @Test
    void badConfigurationIsRefusedFieldByField() {
        ApiClient api = new ApiClient(port).signUp();
        ApiClient.Response response = api.post("/api/v1/alert-channels", Map.of("name", "x", "type", "TELEGRAM",
                "config", Map.of("botToken", "nope", "chatId", "a b", "extra", "1")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("config.botToken", "config.chatId",
                "config.extra");
        assertThat(api.post("/api/v1/alert-channels", Map.of("name", "x", "type", "FAX", "config", Map.of()))
                .errorFields()).containsExactly("type");
        assertThat(create(api, "EMAIL", Map.of("to", "not an address")).errorFields()).containsExactly("config.to");
        assertThat(create(api, "WEBHOOK", Map.of("url", "ftp://93.184.215.14/x", "secret", "a-webhook-secret-012"))
                .errorFields()).containsExactly("config.url");
    }

    @Test
    void replacingWithoutConfigKeepsTheSecretsAndTheDefaultFlagIsStored() {
        ApiClient api = new ApiClient(port).signUp();
        String id = create(api, "WEBHOOK", Map.of("url", PUBLIC_URL, "secret", "keep-this-secret-000001"))
                .json().get("id").asString();
        ApiClient.Response renamed = api.put("/api/v1/alert-channels/" + id,
                Map.of("name", "Renamed", "type", "WEBHOOK", "isDefault", true));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("isDefault").asBoolean()).isTrue();
        assertThat(renamed.json().get("config").get("secret").asString()).isEqualTo("…0001");
        assertThat(api.put("/api/v1/alert-channels/" + id, Map.of("name", "Other", "type", "SLACK")).errorFields())
                .containsExactly("config");

        List<String> actions = api.get("/api/v1/audit-log").json().get("items").valueStream()
                .map(e -> e.get("action").asString()).toList();
        assertThat(actions).contains("alert_channel.created", "alert_channel.updated");
        assertThat(api.get("/api/v1/audit-log").body()).doesNotContain("keep-this-secret-000001");

        assertThat(api.delete("/api/v1/alert-channels/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/alert-channels/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTestEventIsQueuedAndTheDeliveryLogReadsBack() {
        ApiClient api = new ApiClient(port).signUp();
        String id = api.post("/api/v1/alert-channels", ApiEndpoints.webhookChannel("Hook")).json().get("id")
                .asString();
        ApiClient.Response queued = api.post("/api/v1/alert-channels/" + id + "/test");
        assertThat(queued.status()).isEqualTo(202);
        UUID outbox = UUID.fromString(queued.json().get("eventId").asString());
        String payload = jdbc.sql("SELECT payload::text FROM notification_outbox WHERE id = ? AND event = 'test'")
                .param(outbox).query(String.class).single();
        assertThat(payload).contains(id);

        // The dispatcher (alerting service) writes deliveries; one as it would.
        UUID workspace = jdbc.sql("SELECT workspace_id FROM alert_channels WHERE id = ?").param(UUID.fromString(id))
                .query(UUID.class).single();
        UUID delivery = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification_deliveries (id, outbox_id, workspace_id, channel_id, event, status,
                            attempts, next_attempt_at, give_up_at, created_at, response_code)
                        VALUES (?, ?, ?, ?, 'test', 'DELIVERED', 2, ?, ?, ?, 204)""")
                .params(delivery, outbox, workspace, UUID.fromString(id), Timestamp.from(Instant.now()),
                        Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
                .update();
        jdbc.sql("""
                        INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome,
                                                       response_code, error)
                        VALUES (?, 1, now(), now(), 'FAILED', 503, 'HTTP 503 from 93.184.215.14'),
                               (?, 2, now(), now(), 'DELIVERED', 204, NULL)""")
                .params(delivery, delivery).update();
        JsonNode log = api.get("/api/v1/alert-channels/" + id + "/deliveries").json().get("items");
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.get(0).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(log.get(0).get("responseCode").asInt()).isEqualTo(204);
        assertThat(log.get(0).get("id").asString()).isEqualTo(delivery.toString());
        assertThat(log.get(0).get("attemptLog").valueStream().map(a -> a.get("outcome").asString() + ":"
                + a.get("responseCode").asInt()).toList()).containsExactly("FAILED:503", "DELIVERED:204");

        ApiClient other = new ApiClient(port).signUp();
        assertThat(other.get("/api/v1/alert-channels/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/alert-channels/" + id + "/test").status()).isEqualTo(404);
    }

    @Test
    void aMonitorLinksAChannelMadeThroughTheApi() {
        ApiClient api = new ApiClient(port).signUp();
        String id = create(api, "EMAIL", Map.of("to", "ops@example.com")).json().get("id").asString();
        Map<String, Object> monitor = new java.util.HashMap<>(ApiEndpoints.httpMonitor("Linked"));
        monitor.put("alertChannelIds", List.of(id));
        ApiClient.Response created = api.post("/api/v1/monitors", monitor);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("alertChannelIds").get(0).asString()).isEqualTo(id);
    }
}
