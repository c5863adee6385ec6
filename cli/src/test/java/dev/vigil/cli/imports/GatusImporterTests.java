package dev.vigil.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GatusImporterTests {

    static String config() throws IOException {
        try (InputStream in = GatusImporterTests.class.getResourceAsStream("/gatus/config.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode monitor(JsonNode document, String key) {
        return document.get("monitors").valueStream().filter(m -> m.get("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no monitor " + key + " in " + document));
    }

    @Test
    void endpointsBecomeMonitorsOfTheirSchemeWithTheirConditionsAsAssertions() throws IOException {
        JsonNode document = GatusImporter.convert(config()).document();

        assertThat(document.get("monitors").valueStream().map(m -> m.get("key").asString()).toList())
                .containsExactly("core-front-end", "core-back-end", "core-back-end-certificate",
                        "internal-monitoring", "example-dns-query", "icmp-ping", "redis", "certificate", "ntp",
                        "core-live-feed", "mail", "registration", "registration-domain", "core-ext-ep-test");
        JsonNode frontEnd = monitor(document, "core-front-end");
        assertThat(frontEnd.get("type").asString()).isEqualTo("HTTP");
        assertThat(frontEnd.get("intervalSeconds").asInt()).isEqualTo(300);
        assertThat(frontEnd.get("assertions").toString()).isEqualTo("[{\"source\":\"STATUS_CODE\",\"comparison\":"
                + "\"EQUALS\",\"target\":\"200\"},{\"source\":\"JSON_PATH\",\"path\":\"$.status\",\"comparison\":"
                + "\"EQUALS\",\"target\":\"UP\"},{\"source\":\"RESPONSE_TIME_MS\",\"comparison\":\"LESS_THAN\","
                + "\"target\":\"150\"}]");
        assertThat(frontEnd.get("alertChannels").toString()).isEqualTo("[\"gatus-slack\",\"gatus-pagerduty\"]");
        // The slack alert's failure-threshold: 3.
        assertThat(frontEnd.get("noise").toString()).isEqualTo("{\"failuresInRow\":3}");

        JsonNode certificate = monitor(document, "core-back-end-certificate");
        assertThat(certificate.get("type").asString()).isEqualTo("TLS");
        assertThat(certificate.get("host").asString()).isEqualTo("example.org");
        assertThat(certificate.get("minDaysValid").asInt()).isEqualTo(2);

        JsonNode monitoring = monitor(document, "internal-monitoring");
        assertThat(monitoring.get("method").asString()).isEqualTo("POST");
        assertThat(monitoring.get("intervalSeconds").asInt()).isEqualTo(30);
        assertThat(monitoring.get("timeoutMs").asInt()).isEqualTo(5000);
        assertThat(monitoring.get("assertions").toString())
                .contains("{\"source\":\"STATUS_CODE\",\"comparison\":\"LESS_THAN\",\"target\":\"300\"}")
                .contains("{\"source\":\"BODY\",\"comparison\":\"CONTAINS\",\"target\":\"<h1>Example Domain</h1>\"}")
                .contains("{\"source\":\"JSON_PATH\",\"path\":\"$.version\",\"comparison\":\"MATCHES\","
                        + "\"target\":\"(?s)^1\\\\..*$\"}");
        assertThat(monitoring.get("alertChannels").toString()).isEqualTo("[\"gatus-email\"]");

        JsonNode dns = monitor(document, "example-dns-query");
        assertThat(List.of(dns.get("type").asString(), dns.get("host").asString(), dns.get("recordType").asString(),
                dns.get("resolver").asString())).containsExactly("DNS", "example.com", "A", "8.8.8.8");
        assertThat(dns.get("assertions").get(0).get("source").asString()).isEqualTo("DNS_ANSWER");

        assertThat(monitor(document, "redis").get("port").asInt()).isEqualTo(6379);
        JsonNode tls = monitor(document, "certificate");
        assertThat(tls.get("minDaysValid").asInt()).isEqualTo(30);
        assertThat(tls.get("paused").asBoolean()).isTrue();
        assertThat(monitor(document, "core-front-end").get("group").asString()).isEqualTo("core");
        JsonNode heartbeat = monitor(document, "core-ext-ep-test");
        assertThat(heartbeat.get("group").asString()).isEqualTo("core");
        assertThat(heartbeat.get("type").asString()).isEqualTo("HEARTBEAT");
        assertThat(heartbeat.get("periodSeconds").asInt()).isEqualTo(1800);
    }

    @Test
    void alertingProvidersBecomeChannelsWithTheirSecretsAsEnvironmentReferences() throws IOException {
        ImportResult result = GatusImporter.convert(config());
        JsonNode channels = result.document().get("alertChannels");

        assertThat(channels.valueStream().map(c -> c.get("type").asString()).toList())
                .containsExactly("SLACK", "PAGERDUTY", "EMAIL", "NTFY", "OPSGENIE", "PUSHOVER", "MATRIX",
                        "MATTERMOST", "GOOGLE_CHAT", "ZULIP");
        assertThat(channels.get(0).get("config").toString()).isEqualTo("{\"webhookUrl\":{\"env\":\"SLACK_WEBHOOK_URL\"}}");
        assertThat(channels.get(1).get("config").toString())
                .isEqualTo("{\"routingKey\":{\"env\":\"GATUS_PAGERDUTY_ROUTING_KEY\"}}");
        assertThat(channels.get(2).get("config").get("to").asString())
                .isEqualTo("recipient1@example.com,recipient2@example.com");
        assertThat(result.document().toString()).doesNotContain("hunter2", "********");
        assertThat(result.secrets()).startsWith("SLACK_WEBHOOK_URL: alerting.slack.webhook-url",
                "GATUS_PAGERDUTY_ROUTING_KEY: alerting.pagerduty.integration-key");
    }

    @Test
    void theNewerProvidersMapFieldByFieldAndTheirSecretsStayOutOfTheDocument() throws IOException {
        ImportResult result = GatusImporter.convert(config());
        java.util.Map<String, String> configs = new java.util.LinkedHashMap<>();
        result.document().get("alertChannels").forEach(c -> configs.put(c.get("type").asString(),
                c.get("config").toString()));

        assertThat(configs).containsEntry("NTFY",
                        "{\"topicUrl\":{\"env\":\"GATUS_NTFY_TOPIC_URL\"},\"priority\":\"2\"}")
                .containsEntry("OPSGENIE", "{\"apiKey\":{\"env\":\"GATUS_OPSGENIE_API_KEY\"},\"priority\":\"P2\"}")
                .containsEntry("PUSHOVER", "{\"appToken\":{\"env\":\"PUSHOVER_TOKEN\"},\"userKey\":{\"env\":"
                        + "\"PUSHOVER_USER_KEY\"},\"priority\":\"1\"}")
                .containsEntry("MATRIX", "{\"homeserverUrl\":\"https://matrix-client.matrix.org\",\"accessToken\":"
                        + "{\"env\":\"GATUS_MATRIX_ACCESS_TOKEN\"},\"roomId\":\"!example:matrix.org\"}")
                .containsEntry("MATTERMOST", "{\"webhookUrl\":{\"env\":\"GATUS_MATTERMOST_WEBHOOK_URL\"}}")
                .containsEntry("GOOGLE_CHAT", "{\"webhookUrl\":{\"env\":\"GATUS_GOOGLECHAT_WEBHOOK_URL\"}}")
                .containsEntry("ZULIP", "{\"siteUrl\":\"https://some.zulip.org\",\"botEmail\":"
                        + "\"gatus-bot@some.zulip.org\",\"apiKey\":{\"env\":\"GATUS_ZULIP_API_KEY\"},"
                        + "\"stream\":\"123456\"}");
        assertThat(result.secrets()).contains(
                "GATUS_NTFY_TOPIC_URL: alerting.ntfy.url + \"/\" + topic (https://ntfy.example.org/<topic>)",
                "PUSHOVER_TOKEN: alerting.pushover.application-token");
        assertThat(result.unmapped()).anyMatch(l -> l.startsWith("alerting.opsgenie.source: not imported"))
                .anyMatch(l -> l.startsWith("alerting.pushover.sound: not imported"))
                .anyMatch(l -> l.startsWith("alerting.mattermost.channel: not imported"))
                .noneMatch(l -> l.startsWith("alerting.ntfy") || l.startsWith("alerting.zulip")
                        || l.startsWith("alerting.matrix"));
        assertThat(result.document().toString()).doesNotContain("gatus-test-topic", "00000000-0000-0000-0000",
                "syt_gatus_matrix_token", "chat.googleapis.com");
    }

    @Test
    void whatCannotMapIsListedWithItsPlaceInTheFile() throws IOException {
        List<String> unmapped = GatusImporter.convert(config()).unmapped();

        assertThat(unmapped).anyMatch(l -> l.startsWith("storage: "))
                .anyMatch(l -> l.startsWith("ui: "))
                .anyMatch(l -> l.startsWith("maintenance: "))
                .anyMatch(l -> l.startsWith("alerting.twilio: "))
                .anyMatch(l -> l.startsWith("alerting.email.password: "))
                .noneMatch(l -> l.contains("failure-threshold") || l.contains(".group"))
                .anyMatch(l -> l.startsWith("endpoints[2].interval: 10s is below"))
                .anyMatch(l -> l.startsWith("endpoints[2].client.insecure: "))
                .anyMatch(l -> l.startsWith("endpoints[2].conditions[1]: len([BODY].data) > 0"))
                .anyMatch(l -> l.startsWith("endpoints[2].conditions[4]: [STATUS] == any(200, 201)"))
                .anyMatch(l -> l.startsWith("endpoints[2].alerts[0]: twilio"))
                .anyMatch(l -> l.startsWith("endpoints[11] (ssh): ssh://example.com:22 is not imported: Vigil has no "
                        + "SSH check"))
                .anyMatch(l -> l.equals("endpoints[5].conditions[1]: [RESPONSE_TIME] < 500 (a TCP monitor has no "
                        + "assertions)"))
                .anyMatch(l -> l.startsWith("external-endpoints[0].token: "))
                .anyMatch(l -> l.startsWith("external-endpoints[1] (pushed-only): not imported"));
        assertThat(unmapped).noneMatch(l -> l.contains("[CONNECTED]") || l.contains("DNS_RCODE"));
    }

    @Test
    void icmpUdpWebSocketStarttlsAndDomainExpiryMapToVigilsNetworkTypes() throws IOException {
        ImportResult result = GatusImporter.convert(config());
        JsonNode document = result.document();

        assertThat(monitor(document, "icmp-ping").toString()).isEqualTo("{\"key\":\"icmp-ping\",\"name\":"
                + "\"icmp-ping\",\"type\":\"PING\",\"host\":\"example.org\",\"intervalSeconds\":60}");
        JsonNode ntp = monitor(document, "ntp");
        assertThat(ntp.get("type").asString() + " " + ntp.get("host").asString() + ":" + ntp.get("port").asInt()
                + " " + ntp.get("payload").asString()).isEqualTo("UDP time.example.org:123 hello");
        assertThat(ntp.get("assertions").toString()).isEqualTo("[{\"source\":\"BODY\",\"comparison\":"
                + "\"CONTAINS\",\"target\":\"ntp\"},{\"source\":\"RESPONSE_TIME_MS\",\"comparison\":"
                + "\"LESS_THAN\",\"target\":\"200\"}]");
        JsonNode feed = monitor(document, "core-live-feed");
        assertThat(List.of(feed.get("type").asString(), feed.get("url").asString(), feed.get("send").asString(),
                feed.get("expect").asString(), feed.get("group").asString())).containsExactly("WEBSOCKET",
                "wss://ws.example.org/feed", "{\"action\":\"ping\"}", "(?s)^.*pong.*$", "core");
        assertThat("pong frame".matches(feed.get("expect").asString())).isTrue();
        JsonNode mail = monitor(document, "mail");
        assertThat(mail.get("type").asString() + " " + mail.get("host").asString() + ":" + mail.get("port").asInt()
                + " " + mail.get("tlsMode").asString() + " " + mail.get("minDaysValid").asInt())
                .isEqualTo("SMTP smtp.example.com:587 STARTTLS 2");
        JsonNode domain = monitor(document, "registration-domain");
        assertThat(List.of(domain.get("type").asString(), domain.get("host").asString(),
                domain.get("minDaysValid").asString(), domain.get("intervalSeconds").asString()))
                .containsExactly("DOMAIN", "example.org", "30", "3600");
        assertThat(monitor(document, "registration").get("assertions").size()).isEqualTo(1);

        assertThat(result.unmapped()).anyMatch(l -> l.startsWith("endpoints[10]: [DOMAIN_EXPIRATION] watches "
                        + "example.org (the last two labels of www.example.org)"))
                .noneMatch(l -> l.startsWith("endpoints[4]") || l.startsWith("endpoints[7]")
                        || l.startsWith("endpoints[8]") || l.startsWith("endpoints[9]"));
    }

    @Test
    void goDurationsAndGlobsConvert() {
        assertThat(GoDurations.millis("1h30m")).isEqualTo(5_400_000);
        assertThat(GoDurations.millis("500ms")).isEqualTo(500);
        assertThat(GoDurations.millis("5 minutes")).isEqualTo(-1);
        assertThat(GatusConditions.glob("a*b?c.d")).isEqualTo("(?s)^a.*b.c\\.d$");
    }
}
