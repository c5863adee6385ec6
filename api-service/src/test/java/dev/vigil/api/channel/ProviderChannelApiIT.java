package dev.vigil.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
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
 * The channel types of issue 19 through the API in SaaS mode: each saved with its secrets sealed and never shown,
 * every field checked (a 400 naming the field, nothing stored), self-hosted URLs vetted by the SSRF guard.
 */
@ApiServiceTest
class ProviderChannelApiIT {

    private static final String PUBLIC = "https://93.184.215.14";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient.Response create(ApiClient api, String type, Map<String, Object> config) {
        return api.post("/api/v1/alert-channels", Map.of("name", type + " channel", "type", type, "config", config));
    }

    static Map<String, Map<String, Object>> validConfigs() {
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        configs.put("OPSGENIE", Map.of("apiKey", "0a1b2c3d-opsgenie-secret-0001", "region", "eu", "priority", "p2"));
        configs.put("NTFY", Map.of("topicUrl", PUBLIC + "/ntfysecrettopic0001", "token",
                "tk_ntfysecrettoken0000000000001", "priority", "5"));
        configs.put("GOOGLE_CHAT", Map.of("webhookUrl", PUBLIC + "/v1/spaces/AAA/messages?key=k&token=gchatsecret0001"));
        configs.put("MATTERMOST", Map.of("webhookUrl", PUBLIC + "/hooks/mattermostsecret0001"));
        configs.put("MATRIX", Map.of("homeserverUrl", PUBLIC, "roomId", "!abcdef:matrix.example.org",
                "accessToken", "syt_matrixsecrettoken0001"));
        configs.put("PUSHOVER", Map.of("appToken", "pushoverapptokensecret00000001", "userKey",
                "pushoveruserkeysecret000000001", "priority", "1"));
        configs.put("ZULIP", Map.of("siteUrl", PUBLIC, "botEmail", "vigil-bot@zulip.example.com",
                "apiKey", "zulipapikeysecret0001", "stream", "ops alerts", "topic", "Vigil"));
        configs.put("TEMPLATE_WEBHOOK", Map.of("url", PUBLIC + "/in", "template",
                "{\"summary\": \"{{title}}\", \"monitor\": \"{{monitor.name}}\"}", "authorization",
                "Bearer templatesecret0001"));
        configs.put("SMS", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef", "authToken",
                "twiliosmssecret00000001", "fromNumber", "+15005550006", "toNumber", "+4915112345678"));
        configs.put("VOICE", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef", "authToken",
                "twiliovoicesecret000001", "fromNumber", "+15005550006", "toNumber", "+4915112345678"));
        return configs;
    }

    @Test
    void everyNewTypeIsSavedWithItsSecretsSealedAndNeverShownBack() {
        ApiClient api = new ApiClient(port).signUp();
        List<String> secrets = List.of("opsgenie-secret-0001", "ntfysecrettopic0001", "ntfysecrettoken",
                "gchatsecret0001", "mattermostsecret0001", "matrixsecrettoken0001", "pushoverapptokensecret",
                "pushoveruserkeysecret", "zulipapikeysecret0001", "templatesecret0001", "twiliosmssecret",
                "twiliovoicesecret");
        validConfigs().forEach((type, config) -> {
            ApiClient.Response created = create(api, type, config);
            assertThat(created.status()).as("%s → %s", type, created).isEqualTo(201);
            String id = created.json().get("id").asString();
            String read = api.get("/api/v1/alert-channels/" + id).body();
            String stored = jdbc.sql("SELECT config_sealed || config_view::text FROM alert_channels WHERE id = ?")
                    .param(UUID.fromString(id)).query(String.class).single();
            for (String secret : secrets) {
                assertThat(created.body()).as(type).doesNotContain(secret);
                assertThat(read).as(type).doesNotContain(secret);
                assertThat(stored).as(type).doesNotContain(secret);
            }
        });
        JsonNode opsgenie = channel(api, "OPSGENIE").get("config");
        assertThat(opsgenie.get("region").asString()).isEqualTo("EU");
        assertThat(opsgenie.get("priority").asString()).isEqualTo("P2");
        assertThat(channel(api, "NTFY").get("config").get("topicUrl").asString()).isEqualTo(PUBLIC + "/…");
        assertThat(channel(api, "ZULIP").get("config").get("stream").asString()).isEqualTo("ops alerts");
        assertThat(channel(api, "TEMPLATE_WEBHOOK").get("config").get("template").asString())
                .contains("{{monitor.name}}");
    }

    private JsonNode channel(ApiClient api, String type) {
        return api.get("/api/v1/alert-channels").json().get("items").valueStream()
                .filter(c -> c.get("type").asString().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        ApiClient api = new ApiClient(port).signUp();
        assertThat(create(api, "OPSGENIE", Map.of("apiKey", "0a1b2c3d-opsgenie-secret-0002")).status())
                .isEqualTo(201);
        assertThat(create(api, "NTFY", Map.of("topicUrl", PUBLIC + "/alerts")).status()).isEqualTo(201);
        assertThat(create(api, "ZULIP", Map.of("siteUrl", PUBLIC, "botEmail", "bot@zulip.example.com",
                "apiKey", "zulipapikeysecret0002", "stream", "ops")).status()).isEqualTo(201);
        assertThat(create(api, "SLACK", Map.of("webhookUrl", PUBLIC + "/T0/B0/x", "signingSecret",
                "8f742231b10e8888abcd99yyyzzz85a5")).status()).isEqualTo(201);
    }

    @Test
    void badValuesAreRefusedFieldByFieldAndNothingIsStored() {
        ApiClient api = new ApiClient(port).signUp();
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("OPSGENIE", Map.of("apiKey", "short", "region", "APAC", "priority", "P9"));
        bad.put("NTFY", Map.of("topicUrl", PUBLIC + "/a/b?x=1", "priority", "urgent"));
        bad.put("MATRIX", Map.of("homeserverUrl", "ftp://matrix.example", "roomId", "#alias:example.org",
                "accessToken", "bad token"));
        bad.put("PUSHOVER", Map.of("appToken", "x", "userKey", "y", "priority", "3"));
        bad.put("ZULIP", Map.of("siteUrl", PUBLIC, "botEmail", "not-an-email", "apiKey", "zulipapikeysecret0003",
                "stream", "a\nb"));
        bad.put("TEMPLATE_WEBHOOK", Map.of("url", PUBLIC + "/in", "template", "{\"a\": {{title}}}",
                "authorization", "Bearer x\r\nX-Injected: 1"));
        bad.put("SMS", Map.of("accountSid", "AC123", "authToken", "twiliosmssecret00000001", "fromNumber", "5550006",
                "toNumber", "+4915112345678"));
        Map<String, List<String>> expected = Map.of(
                "OPSGENIE", List.of("config.apiKey", "config.region", "config.priority"),
                "NTFY", List.of("config.topicUrl", "config.priority"),
                "MATRIX", List.of("config.homeserverUrl", "config.roomId", "config.accessToken"),
                "PUSHOVER", List.of("config.appToken", "config.userKey", "config.priority"),
                "ZULIP", List.of("config.botEmail", "config.stream"),
                "TEMPLATE_WEBHOOK", List.of("config.template", "config.authorization"),
                "SMS", List.of("config.accountSid", "config.fromNumber"));
        bad.forEach((type, config) -> {
            ApiClient.Response response = create(api, type, config);
            assertThat(response.status()).as("%s → %s", type, response).isEqualTo(400);
            assertThat(response.errorFields()).as(type).containsExactlyInAnyOrderElementsOf(expected.get(type));
        });
        ApiClient.Response missing = create(api, "VOICE", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef"));
        assertThat(missing.errorFields()).containsExactlyInAnyOrder("config.authToken", "config.fromNumber",
                "config.toNumber");
        assertThat(create(api, "PUSHOVER", Map.of("appToken", "pushoverapptokensecret00000001", "userKey",
                "pushoveruserkeysecret000000001", "sound", "siren")).errorFields()).containsExactly("config.sound");
        assertThat(api.get("/api/v1/alert-channels").json().get("items").size()).isZero();
    }

    @Test
    void selfHostedServerUrlsReachingInternalAddressesAreRefused() {
        ApiClient api = new ApiClient(port).signUp();
        for (String internal : List.of("http://127.0.0.1:8065", "http://169.254.169.254", "http://10.0.0.5")) {
            assertThat(create(api, "NTFY", Map.of("topicUrl", internal + "/alerts")).errorFields())
                    .containsExactly("config.topicUrl");
            assertThat(create(api, "MATTERMOST", Map.of("webhookUrl", internal + "/hooks/x")).errorFields())
                    .containsExactly("config.webhookUrl");
            assertThat(create(api, "MATRIX", Map.of("homeserverUrl", internal, "roomId", "!a:b.example",
                    "accessToken", "syt_matrixsecrettoken0001")).errorFields()).containsExactly("config.homeserverUrl");
            assertThat(create(api, "ZULIP", Map.of("siteUrl", internal, "botEmail", "bot@zulip.example.com",
                    "apiKey", "zulipapikeysecret0001", "stream", "ops")).errorFields()).containsExactly("config.siteUrl");
            assertThat(create(api, "TEMPLATE_WEBHOOK", Map.of("url", internal + "/in", "template", "{}"))
                    .errorFields()).containsExactly("config.url");
        }
        // A SaaS provider's endpoint is the deployment's: a tenant cannot point Opsgenie, Pushover or Twilio anywhere.
        assertThat(create(api, "OPSGENIE", Map.of("apiKey", "0a1b2c3d-opsgenie-secret-0001", "baseUrl",
                "http://127.0.0.1")).errorFields()).containsExactly("config.baseUrl");
        assertThat(api.get("/api/v1/alert-channels").json().get("items").size()).isZero();
    }
}
