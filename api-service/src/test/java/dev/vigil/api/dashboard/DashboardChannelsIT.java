package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Alert channel pages over real HTTP: every type created and edited through the form with the API's own validation,
 * secrets never in a page (not even echoed back after a failed post), test events queued, the delivery log, delete
 * after confirmation, CSRF, viewers, another workspace's channel a 404, and links from the monitor form.
 */
@ApiServiceTest
class DashboardChannelsIT {

    private static final String PUBLIC_URL = "https://93.184.215.14/hooks/";
    private static final String WEBHOOK_SECRET = "s3cr3t-dashboard-webhook-0001";
    private static final String SLACK_TOKEN = "slackdashtoken0001";
    private static final String DISCORD_TOKEN = "discorddashtoken0001";
    private static final String TEAMS_TOKEN = "teamsdashtoken0001";
    private static final String ROUTING_KEY = "R0UT1NGKEYDASHBOARD00000000001";
    private static final String BOT_TOKEN = "123456:telegram-dashboard-token-0001";
    private static final List<String> SECRETS = List.of(WEBHOOK_SECRET, SLACK_TOKEN, DISCORD_TOKEN, TEAMS_TOKEN,
            ROUTING_KEY, BOT_TOKEN, "telegram-dashboard-token-0001");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsEditsTestsAndDeletesEveryTypeWithoutShowingASecret() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("ch-" + UUID.randomUUID() + "@example.com"));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("EMAIL", Map.of("to", "ops@example.com, oncall@example.com"));
        configs.put("WEBHOOK", Map.of("url", PUBLIC_URL + "vigil", "secret", WEBHOOK_SECRET));
        configs.put("SLACK", Map.of("webhookUrl", PUBLIC_URL + "T000/B000/" + SLACK_TOKEN));
        configs.put("DISCORD", Map.of("webhookUrl", PUBLIC_URL + "discord/" + DISCORD_TOKEN));
        configs.put("TEAMS", Map.of("webhookUrl", PUBLIC_URL + "teams/" + TEAMS_TOKEN));
        configs.put("PAGERDUTY", Map.of("routingKey", ROUTING_KEY));
        configs.put("TELEGRAM", Map.of("botToken", BOT_TOKEN, "chatId", "-100200300"));
        List<String> pages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (var entry : configs.entrySet()) {
            String type = entry.getKey();
            Map<String, String> form = new LinkedHashMap<>(entry.getValue());
            form.put("name", "Form " + type);
            form.put("type", type);
            if (type.equals("EMAIL")) {
                form.put("isDefault", "true");
            }
            pages.add(browser.get("/app/channels/new?type=" + type).body());
            DashboardSession.Page created = browser.post("/app/channels", form);
            assertThat(created.status()).as(type + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/channels/".length());
            ids.add(id);
            JsonNode channel = api.get("/api/v1/alert-channels/" + id).json();
            assertThat(channel.get("type").asString()).isEqualTo(type);
            assertThat(channel.get("isDefault").asBoolean()).isEqualTo(type.equals("EMAIL"));

            DashboardSession.Page detail = browser.get(created.location());
            assertThat(detail.body()).contains("Form " + type).contains("Nothing delivered yet");
            pages.add(detail.body());
            DashboardSession.Page edit = browser.get("/app/channels/" + id + "/edit");
            assertThat(edit.status()).isEqualTo(200);
            pages.add(edit.body());

            // Secrets left blank keep the stored ones; the rest is what the form says.
            Map<String, String> edited = new LinkedHashMap<>(form);
            edited.put("name", "Edited " + type);
            edited.replaceAll((field, value) -> SECRETS.stream().anyMatch(value::contains)
                    && !field.equals("url") ? "" : value);
            DashboardSession.Page saved = browser.post("/app/channels/" + id, edited);
            assertThat(saved.status()).as(type + " edit: " + saved).isEqualTo(302);
            JsonNode after = api.get("/api/v1/alert-channels/" + id).json();
            assertThat(after.get("name").asString()).isEqualTo("Edited " + type);
            assertThat(after.get("config").toString()).isEqualTo(channel.get("config").toString());
        }
        String telegram = ids.get(6);
        assertThat(jdbc.sql("SELECT config_view->>'botToken' FROM alert_channels WHERE id = ?")
                .param(UUID.fromString(telegram)).query(String.class).single()).isEqualTo("123456:…");

        browser.get("/app/channels/" + ids.get(1));
        DashboardSession.Page tested = browser.post("/app/channels/" + ids.get(1) + "/test", Map.of());
        assertThat(tested.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM notification_outbox WHERE event = 'test' "
                        + "AND payload->>'channelId' = ?").param(ids.get(1)).query(Long.class).single()).isEqualTo(1);

        // A delivery as the alerting service records it shows in the log with status and response code.
        UUID delivery = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification_deliveries (id, workspace_id, channel_id, event, status, attempts,
                               response_code, created_at, delivered_at, next_attempt_at, give_up_at, outbox_id)
                        SELECT ?, o.workspace_id, c.id, 'test', 'DELIVERED', 2, 204, now(), now(), now(), now(), o.id
                        FROM alert_channels c JOIN notification_outbox o ON o.payload->>'channelId' = c.id::text
                        WHERE c.id = ?""")
                .params(delivery, UUID.fromString(ids.get(1))).update();
        DashboardSession.Page log = browser.getAsHtmx("/app/channels/" + ids.get(1) + "/deliveries");
        assertThat(log.body()).contains(delivery.toString()).contains("DELIVERED").contains("204");

        DashboardSession.Page list = browser.get("/app/channels");
        pages.add(list.body());
        assertThat(list.body()).contains("Edited EMAIL").contains("Edited TELEGRAM").contains("Default")
                .contains("Healthy");
        for (String page : pages) {
            for (String secret : SECRETS) {
                assertThat(page).doesNotContain(secret);
            }
        }

        assertThat(browser.get("/app/channels/" + ids.get(0) + "/delete").body()).contains("Delete channel");
        assertThat(browser.post("/app/channels/" + ids.get(0) + "/delete", Map.of()).location())
                .isEqualTo("/app/channels");
        assertThat(api.get("/api/v1/alert-channels/" + ids.get(0)).status()).isEqualTo(404);
    }

    @Test
    void showsTheApisValidationMessagesAndNeverEchoesASecret() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("chv-" + UUID.randomUUID() + "@example.com"));
        browser.get("/app/channels/new");
        DashboardSession.Page bad = browser.post("/app/channels", Map.of("name", "", "type", "WEBHOOK",
                "url", "http://127.0.0.1/hook", "secret", "short"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"name-error\"").contains("id=\"cfg-url-error\"")
                .contains("aria-describedby=\"cfg-url-help cfg-url-error\"")
                .contains("is refused").contains("id=\"cfg-secret-error\"").contains("config.secret must be")
                .doesNotContain("value=\"short\"");
        DashboardSession.Page telegram = browser.post("/app/channels", Map.of("name", "T", "type", "TELEGRAM",
                "botToken", "nope-" + BOT_TOKEN.substring(7) + " x", "chatId", "a b"));
        assertThat(telegram.status()).isEqualTo(422);
        assertThat(telegram.body()).contains("id=\"cfg-botToken-error\"").contains("id=\"cfg-chatId-error\"")
                .doesNotContain("telegram-dashboard-token");
        DashboardSession.Page missing = browser.post("/app/channels", Map.of("name", "P", "type", "PAGERDUTY"));
        assertThat(missing.body()).contains("id=\"cfg-routingKey-error\"");
        assertThat(browser.post("/app/channels", Map.of("name", "X", "type", "CARRIER_PIGEON")).body())
                .contains("id=\"type-error\"");
        assertThat(api.get("/api/v1/alert-channels").json().get("items").size()).isZero();

        // An edit that changes the type needs the new type's fields.
        String id = api.post("/api/v1/alert-channels", Map.of("name", "Hook", "type", "WEBHOOK", "config",
                Map.of("url", PUBLIC_URL + "x", "secret", WEBHOOK_SECRET))).json().get("id").asString();
        browser.get("/app/channels/" + id + "/edit");
        DashboardSession.Page changed = browser.post("/app/channels/" + id, Map.of("name", "Hook", "type", "SLACK"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.body()).contains("id=\"cfg-webhookUrl-error\"").doesNotContain(WEBHOOK_SECRET);
        assertThat(api.get("/api/v1/alert-channels/" + id).json().get("type").asString()).isEqualTo("WEBHOOK");
    }

    @Test
    void csrfViewersAndOtherWorkspacesAreRefused() {
        Tenant tenant = Tenant.create(port);
        String id = tenant.owner().post("/api/v1/alert-channels", Map.of("name", "Ours", "type", "PAGERDUTY",
                "config", Map.of("routingKey", ROUTING_KEY))).json().get("id").asString();

        DashboardSession owner = new DashboardSession(port);
        owner.signUp("csrf-" + UUID.randomUUID() + "@example.com");
        owner.get("/app/channels/new");
        assertThat(owner.postRaw("/app/channels", Map.of("name", "No token", "type", "PAGERDUTY",
                "routingKey", ROUTING_KEY)).status()).isEqualTo(403);

        // Another workspace's channel: 404 on every page and for every change.
        for (String path : List.of("", "/edit", "/delete", "/deliveries")) {
            assertThat(owner.get("/app/channels/" + id + path).status()).as(path).isEqualTo(404);
        }
        owner.get("/app/channels");
        for (String path : List.of("", "/test", "/delete")) {
            assertThat(owner.post("/app/channels/" + id + path, Map.of("name", "Mine", "type", "PAGERDUTY",
                    "routingKey", ROUTING_KEY)).status()).as(path).isEqualTo(404);
        }
        assertThat(owner.get("/app/channels").body()).doesNotContain("Ours");
        assertThat(tenant.owner().get("/api/v1/alert-channels/" + id).json().get("name").asString())
                .isEqualTo("Ours");

        String viewerEmail = "chviewer-" + UUID.randomUUID() + "@example.com";
        DashboardSession viewer = new DashboardSession(port);
        viewer.signUp(viewerEmail);
        tenant.owner().post("/api/v1/members", Map.of("email", viewerEmail, "role", "VIEWER"));
        viewer.acceptInvitation(viewerEmail);
        viewer.get("/app/channels");
        viewer.post("/app/workspace", Map.of("workspaceId", tenant.workspaceId().toString()));
        DashboardSession.Page list = viewer.get("/app/channels");
        assertThat(list.body()).contains("Ours").doesNotContain("id=\"new-channel\"").doesNotContain(ROUTING_KEY);
        DashboardSession.Page detail = viewer.get("/app/channels/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).doesNotContain("id=\"send-test\"").doesNotContain(ROUTING_KEY);
        assertThat(viewer.get("/app/channels/new").status()).isEqualTo(403);
        assertThat(viewer.get("/app/channels/" + id + "/edit").status()).isEqualTo(403);
        assertThat(viewer.post("/app/channels/" + id + "/test", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.post("/app/channels/" + id + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.post("/app/channels/" + id, Map.of("name", "Viewer's", "type", "PAGERDUTY",
                "routingKey", ROUTING_KEY)).status()).isEqualTo(403);
        assertThat(tenant.owner().get("/api/v1/alert-channels/" + id).json().get("name").asString())
                .isEqualTo("Ours");
    }

    @Test
    void theMonitorFormLinksChannelsByTheApisRules() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("link-" + UUID.randomUUID() + "@example.com"));
        String channel = api.post("/api/v1/alert-channels", Map.of("name", "Linked hook", "type", "WEBHOOK",
                "config", Map.of("url", PUBLIC_URL + "x", "secret", WEBHOOK_SECRET))).json().get("id").asString();
        Tenant other = Tenant.create(port);
        String theirs = other.owner().post("/api/v1/alert-channels", Map.of("name", "Theirs", "type", "PAGERDUTY",
                "config", Map.of("routingKey", ROUTING_KEY))).json().get("id").asString();

        assertThat(browser.get("/app/monitors/new").body()).contains("Linked hook").doesNotContain(WEBHOOK_SECRET);
        DashboardSession.Page created = browser.post("/app/monitors", Map.of("name", "Linked", "type", "TCP",
                "host", "example.com", "port", "443", "alertChannelsShown", "true", "alertChannelIds", channel));
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        String monitor = created.location().substring("/app/monitors/".length());
        assertThat(api.get("/api/v1/monitors/" + monitor).json().get("alertChannelIds").toString()).contains(channel);
        assertThat(browser.get("/app/monitors/" + monitor + "/edit").body()).contains("value=\"" + channel
                + "\" checked");
        assertThat(browser.get("/app/channels/" + channel).body()).contains("Alerts for:").contains(">Linked<");

        DashboardSession.Page foreign = browser.post("/app/monitors/" + monitor, Map.of("name", "Linked",
                "type", "TCP", "host", "example.com", "port", "443", "alertChannelsShown", "true",
                "alertChannelIds", theirs));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body()).contains("id=\"alertChannelIds-error\"");
        assertThat(api.get("/api/v1/monitors/" + monitor).json().get("alertChannelIds").toString()).contains(channel);

        // Nothing checked unlinks.
        assertThat(browser.post("/app/monitors/" + monitor, Map.of("name", "Linked", "type", "TCP",
                "host", "example.com", "port", "443", "alertChannelsShown", "true")).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors/" + monitor).json().get("alertChannelIds").size()).isZero();
        assertThat(browser.get("/app/channels/" + channel).body()).contains("No monitor links it yet");
    }
}
