package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The channel types of issue 19 through the dashboard's form over real HTTP: each offered, created with the API's
 * validation and shown without its secrets; an edit leaving secrets blank keeps them; a template that does not render
 * JSON is shown as an error under its input.
 */
@ApiServiceTest
class DashboardProviderChannelsIT {

    private static final String PUBLIC = "https://93.184.215.14";
    private static final List<String> SECRETS = List.of("opsgeniedash0001", "ntfydashtopic0001", "gchatdash0001",
            "mattermostdash0001", "syt_matrixdash0001", "pushoverdashapptoken0000000001",
            "pushoverdashuserkey00000000001", "zulipdashkey0001", "templatedash0001", "twiliodashtoken0001",
            "8f742231b10e8888abcd99dashsecret");

    @LocalServerPort
    int port;

    @Test
    void everyNewTypeIsCreatedAndEditedThroughTheFormWithoutShowingASecret() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("pch-" + UUID.randomUUID() + "@example.com"));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("SLACK", Map.of("webhookUrl", PUBLIC + "/T0/B0/x", "signingSecret",
                "8f742231b10e8888abcd99dashsecret"));
        configs.put("OPSGENIE", Map.of("apiKey", "0a1b2c3d-opsgeniedash0001", "region", "EU"));
        configs.put("NTFY", Map.of("topicUrl", PUBLIC + "/ntfydashtopic0001", "priority", "4"));
        configs.put("GOOGLE_CHAT", Map.of("webhookUrl", PUBLIC + "/v1/spaces/A/messages?token=gchatdash0001"));
        configs.put("MATTERMOST", Map.of("webhookUrl", PUBLIC + "/hooks/mattermostdash0001"));
        configs.put("MATRIX", Map.of("homeserverUrl", PUBLIC, "roomId", "!room:matrix.example.org",
                "accessToken", "syt_matrixdash0001"));
        configs.put("PUSHOVER", Map.of("appToken", "pushoverdashapptoken0000000001", "userKey",
                "pushoverdashuserkey00000000001"));
        configs.put("ZULIP", Map.of("siteUrl", PUBLIC, "botEmail", "bot@zulip.example.com", "apiKey",
                "zulipdashkey0001", "stream", "ops"));
        configs.put("TEMPLATE_WEBHOOK", Map.of("url", PUBLIC + "/in", "template", "{\"text\": \"{{title}}\"}",
                "authorization", "Bearer templatedash0001"));
        configs.put("SMS", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef", "authToken",
                "twiliodashtoken0001", "fromNumber", "+15005550006", "toNumber", "+4915112345678"));
        configs.put("VOICE", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef", "authToken",
                "twiliodashtoken0001", "fromNumber", "+15005550006", "toNumber", "+4915112345678"));
        List<String> pages = new ArrayList<>();
        String newPage = browser.get("/app/channels/new").body();
        for (String type : configs.keySet()) {
            assertThat(newPage).contains("<option value=\"" + type + "\"");
        }
        for (var entry : configs.entrySet()) {
            String type = entry.getKey();
            Map<String, String> form = new LinkedHashMap<>(entry.getValue());
            form.put("name", "Form " + type);
            form.put("type", type);
            pages.add(browser.get("/app/channels/new?type=" + type).body());
            DashboardSession.Page created = browser.post("/app/channels", form);
            assertThat(created.status()).as(type + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/channels/".length());
            JsonNode channel = api.get("/api/v1/alert-channels/" + id).json();
            assertThat(channel.get("type").asString()).isEqualTo(type);
            pages.add(browser.get(created.location()).body());
            pages.add(browser.get("/app/channels/" + id + "/edit").body());

            Map<String, String> edited = new LinkedHashMap<>(form);
            edited.put("name", "Edited " + type);
            edited.replaceAll((field, value) -> SECRETS.stream().anyMatch(value::contains)
                    && !field.equals("url") ? "" : value);
            DashboardSession.Page saved = browser.post("/app/channels/" + id, edited);
            assertThat(saved.status()).as(type + " edit: " + saved).isEqualTo(302);
            assertThat(api.get("/api/v1/alert-channels/" + id).json().get("config").toString())
                    .isEqualTo(channel.get("config").toString());
        }
        pages.add(browser.get("/app/channels").body());
        for (String page : pages) {
            for (String secret : SECRETS) {
                assertThat(page).doesNotContain(secret);
            }
        }
    }

    @Test
    void aTemplateThatDoesNotRenderJsonIsShownAsAnErrorUnderItsInput() {
        DashboardSession browser = new DashboardSession(port);
        browser.signUp("pct-" + UUID.randomUUID() + "@example.com");
        browser.get("/app/channels/new?type=TEMPLATE_WEBHOOK");
        DashboardSession.Page page = browser.post("/app/channels", Map.of("name", "Bad template",
                "type", "TEMPLATE_WEBHOOK", "url", PUBLIC + "/in", "template", "{\"text\": {{title}}}"));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"cfg-template-error\"").contains("valid JSON")
                .contains("<textarea");
    }
}
