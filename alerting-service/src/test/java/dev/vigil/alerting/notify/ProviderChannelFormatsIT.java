package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.channel.SlackAckButton;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The channel types of issue 19 delivered for real to loopback receivers, each request checked against what the
 * provider documents: method, path, authentication, headers and body fields. The SaaS providers' endpoints (Opsgenie,
 * Pushover, Twilio) are the deployment's ({@link ProviderEndpoints}), pointed here at the receiver; the self-hostable
 * ones (ntfy, Mattermost, Matrix, Zulip) and the webhooks take the URL from the channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderChannelFormatsIT {

    private NotifyHarness harness;
    private Receiver receiver;
    private Dispatcher dispatcher;

    @BeforeAll
    void start() throws Exception {
        harness = new NotifyHarness();
        receiver = Receiver.ok();
        dispatcher = harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.allowingPrivate(), null,
                ProviderEndpoints.at(receiver.url("")));
    }

    @AfterAll
    void stop() {
        receiver.close();
        harness.close();
    }

    private List<Receiver.Request> to(String prefix) {
        return receiver.requests().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    private static JsonNode json(Receiver.Request request) {
        return WireJson.mapper().readTree(request.body());
    }

    /** An {@code application/x-www-form-urlencoded} body as the receiver's framework would decode it. */
    private static Map<String, String> form(Receiver.Request request) {
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.body().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void opsgenieCreatesAcknowledgesAndClosesOneAlertByAliasOnTheChosenRegionsEndpoint() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Payments");
        String key = "0a1b2c3d-" + workspace;
        harness.link(monitor, harness.channel(workspace, "OPSGENIE", Map.of("apiKey", key, "region", "EU",
                "priority", "P2"), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);
        harness.acknowledge(incident, monitor);
        NotifyHarness.drain(dispatcher);
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to("/opsgenie-eu/").stream()
                .filter(r -> ("GenieKey " + key).equals(r.header("Authorization"))).toList();
        String alias = "vigil-incident-" + incident;
        assertThat(got.stream().map(r -> r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query())))
                .containsExactly("POST /opsgenie-eu/v2/alerts",
                        "POST /opsgenie-eu/v2/alerts/" + alias + "/acknowledge?identifierType=alias",
                        "POST /opsgenie-eu/v2/alerts/" + alias + "/close?identifierType=alias");
        assertThat(got).allSatisfy(r -> assertThat(r.header("Content-Type")).startsWith("application/json"));
        JsonNode create = json(got.getFirst());
        assertThat(create.get("message").asString()).isEqualTo("DOWN: Payments");
        assertThat(create.get("alias").asString()).isEqualTo(alias);
        assertThat(create.get("priority").asString()).isEqualTo("P2");
        assertThat(create.get("source").asString()).isEqualTo("Vigil");
        assertThat(create.get("entity").asString()).isEqualTo("Payments");
        assertThat(create.get("description").asString()).contains("Cause: HTTP status 503");
        assertThat(create.get("details").get("link").asString()).isEqualTo("https://vigil.test/incidents/" + incident);
        assertThat(create.get("tags").valueStream().map(JsonNode::asString).toList()).contains("vigil", "critical");
        assertThat(json(got.get(2)).propertyNames()).containsExactlyInAnyOrder("source", "user", "note");
        assertThat(to("/opsgenie-us/")).noneMatch(r -> ("GenieKey " + key).equals(r.header("Authorization")));
    }

    @Test
    void opsgenieWithoutARegionUsesTheUsEndpointAndPriorityP1() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Search");
        String key = "0a1b2c3d-" + workspace;
        harness.link(monitor, harness.channel(workspace, "OPSGENIE", Map.of("apiKey", key), false));
        harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to("/opsgenie-us/v2/alerts").stream()
                .filter(r -> ("GenieKey " + key).equals(r.header("Authorization"))).toList();
        assertThat(got).hasSize(1);
        assertThat(json(got.getFirst()).get("priority").asString()).isEqualTo("P1");
    }

    @Test
    void ntfyPublishesTheFactsWithTitlePriorityTagsClickAndBearerToken() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Café API");
        String topic = "/ntfy/alerts" + workspace.toString().substring(0, 8);
        harness.link(monitor, harness.channel(workspace, "NTFY", Map.of("topicUrl", receiver.url(topic),
                "token", "tk_ntfytoken" + workspace.toString().substring(0, 8), "priority", "4"), false));
        UUID incident = harness.open(monitor);
        harness.clock.advance(Duration.ofSeconds(65));
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to(topic);
        assertThat(got).hasSize(2);
        Receiver.Request opened = got.getFirst();
        assertThat(opened.method()).isEqualTo("POST");
        assertThat(opened.header("Content-Type")).startsWith("text/plain");
        // Not ASCII: an RFC 2047 encoded word, which ntfy decodes.
        assertThat(opened.header("Title")).isEqualTo("=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                "DOWN: Café API".getBytes(StandardCharsets.UTF_8)) + "?=");
        assertThat(opened.header("Priority")).isEqualTo("4");
        assertThat(opened.header("Tags")).isEqualTo("rotating_light,vigil");
        assertThat(opened.header("Click")).isEqualTo("https://vigil.test/incidents/" + incident);
        assertThat(opened.header("Authorization")).isEqualTo("Bearer tk_ntfytoken" + workspace.toString()
                .substring(0, 8));
        assertThat(opened.body()).contains("Cause: HTTP status 503").contains("Regions: local-a, local-b");
        assertThat(got.get(1).header("Tags")).isEqualTo("white_check_mark,vigil");
        assertThat(got.get(1).header("Priority")).isEqualTo("3");
    }

    @Test
    void googleChatAndMattermostGetTheirIncomingWebhookFormats() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Checkout");
        harness.link(monitor, harness.channel(workspace, "GOOGLE_CHAT", Map.of("webhookUrl",
                receiver.url("/gchat/" + workspace + "?key=k&token=t")), false));
        harness.link(monitor, harness.channel(workspace, "MATTERMOST", Map.of("webhookUrl",
                receiver.url("/mattermost/hooks/" + workspace)), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        Receiver.Request chat = to("/gchat/" + workspace).getFirst();
        assertThat(chat.query()).isEqualTo("key=k&token=t");
        JsonNode body = json(chat);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("text", "cardsV2");
        assertThat(body.get("text").asString()).isEqualTo("DOWN: Checkout");
        JsonNode card = body.get("cardsV2").get(0);
        assertThat(card.get("cardId").asString()).startsWith("vigil-");
        assertThat(card.get("card").get("header").get("title").asString()).isEqualTo("DOWN: Checkout");
        JsonNode widgets = card.get("card").get("sections").get(0).get("widgets");
        assertThat(widgets.get(0).get("decoratedText").get("topLabel").asString()).isEqualTo("Monitor");
        assertThat(widgets.get(widgets.size() - 1).get("buttonList").get("buttons").get(0).get("onClick")
                .get("openLink").get("url").asString()).isEqualTo("https://vigil.test/incidents/" + incident);

        JsonNode mattermost = json(to("/mattermost/hooks/" + workspace).getFirst());
        assertThat(mattermost.propertyNames()).containsExactlyInAnyOrder("username", "attachments");
        JsonNode attachment = mattermost.get("attachments").get(0);
        assertThat(attachment.propertyNames()).containsExactlyInAnyOrder("fallback", "color", "title", "title_link",
                "fields", "footer");
        assertThat(attachment.get("color").asString()).isEqualTo("#E01E5A");
        assertThat(attachment.get("title_link").asString()).isEqualTo("https://vigil.test/incidents/" + incident);
        assertThat(attachment.get("fields").get(1).get("title").asString()).isEqualTo("Cause");
        assertThat(attachment.get("fields").get(1).get("value").asString()).isEqualTo("HTTP status 503");
        assertThat(attachment.get("fields").get(1).has("short")).isTrue();
    }

    @Test
    void matrixPutsAnMRoomMessageWithTheSameTransactionIdOnEveryRetry() throws Exception {
        try (Receiver flaky = Receiver.failingFirst(1)) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Queue <worker>");
            String token = "syt_" + workspace.toString().replace("-", "");
            harness.link(monitor, harness.channel(workspace, "MATRIX", Map.of("homeserverUrl", flaky.url("/"),
                    "roomId", "!ops:matrix.example.org", "accessToken", token), false));
            harness.open(monitor);
            NotifyHarness.drain(dispatcher);
            harness.clock.advance(Duration.ofMinutes(11));
            NotifyHarness.drain(dispatcher);

            List<Receiver.Request> got = flaky.requests();
            assertThat(got).hasSize(2);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("PUT");
                assertThat(r.path()).matches("/_matrix/client/v3/rooms/!ops:matrix\\.example\\.org/send/"
                        + "m\\.room\\.message/vigil-[0-9a-f-]{36}");
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + token);
            });
            assertThat(got.get(1).path()).isEqualTo(got.getFirst().path());
            JsonNode body = json(got.getFirst());
            assertThat(body.get("msgtype").asString()).isEqualTo("m.text");
            assertThat(body.get("body").asString()).startsWith("DOWN: Queue <worker>\n");
            assertThat(body.get("format").asString()).isEqualTo("org.matrix.custom.html");
            assertThat(body.get("formatted_body").asString()).startsWith("<strong>DOWN: Queue &lt;worker&gt;</strong>");
        }
    }

    @Test
    void pushoverPostsTheMessagesFormWithTokenUserAndPriority() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Mail relay");
        String user = ("u" + workspace.toString().replace("-", "")).substring(0, 30);
        harness.link(monitor, harness.channel(workspace, "PUSHOVER", Map.of("appToken",
                "a12345678901234567890123456789", "userKey", user, "priority", "2"), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        Map<String, String> fields = to("/pushover/1/messages.json").stream().map(ProviderChannelFormatsIT::form)
                .filter(f -> user.equals(f.get("user"))).findFirst().orElseThrow();
        assertThat(fields).containsEntry("token", "a12345678901234567890123456789")
                .containsEntry("title", "DOWN: Mail relay").containsEntry("priority", "2")
                .containsEntry("retry", "60").containsEntry("expire", "3600")
                .containsEntry("url", "https://vigil.test/incidents/" + incident)
                .containsEntry("url_title", "Open in Vigil");
        assertThat(fields.get("message")).contains("Cause: HTTP status 503");
    }

    @Test
    void zulipPostsAStreamMessageAsTheBotWithBasicAuth() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Billing");
        String site = receiver.url("/zulip-" + workspace);
        harness.link(monitor, harness.channel(workspace, "ZULIP", Map.of("siteUrl", site, "botEmail",
                "vigil-bot@zulip.example.com", "apiKey", "zulipkey0000000000001", "stream", "ops alerts"), false));
        harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        Receiver.Request request = to("/zulip-" + workspace + "/api/v1/messages").getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo(basic("vigil-bot@zulip.example.com",
                "zulipkey0000000000001"));
        Map<String, String> fields = form(request);
        assertThat(fields).containsEntry("type", "stream").containsEntry("to", "ops alerts")
                .containsEntry("topic", "Billing");
        assertThat(fields.get("content")).startsWith("**DOWN: Billing**\n").contains("* Cause: HTTP status 503")
                .contains("[Open in Vigil](https://vigil.test/incidents/");
    }

    @Test
    void aTemplatedWebhookPostsTheRenderedTemplateWithValuesJsonEscaped() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Shop \"eu\", \"injected\": \"x");
        harness.link(monitor, harness.channel(workspace, "TEMPLATE_WEBHOOK", Map.of("url",
                receiver.url("/templated/" + workspace), "authorization", "Bearer template-token-1",
                "template", """
                        {"summary": "{{title}}", "source": "{{monitor.name}}", "severity": "{{severity}}",
                         "regions": [{{#incident.regions}}"{{.}}", {{/incident.regions}}null],
                         "id": "{{deliveryId}}", "url": "{{link}}"}"""), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        Receiver.Request request = to("/templated/" + workspace).getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer template-token-1");
        assertThat(request.header("X-Vigil-Event")).isEqualTo("incident.opened");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = json(request);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("summary", "source", "severity", "regions", "id",
                "url");
        assertThat(body.get("source").asString()).isEqualTo("Shop \"eu\", \"injected\": \"x");
        assertThat(body.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(body.get("regions").get(0).asString()).isEqualTo("local-a");
        assertThat(body.get("id").asString()).isEqualTo(request.header("X-Vigil-Delivery"));
        assertThat(body.get("url").asString()).isEqualTo("https://vigil.test/incidents/" + incident);
    }

    @Test
    void smsAndVoiceUseTheTwilioMessagesAndCallsResourcesWithBasicAuth() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Core & DB");
        String sid = "AC" + workspace.toString().replace("-", "");
        Map<String, String> config = Map.of("accountSid", sid, "authToken", "twiliotoken000000001",
                "fromNumber", "+15005550006", "toNumber", "+4915112345678");
        harness.link(monitor, harness.channel(workspace, "SMS", config, false));
        harness.link(monitor, harness.channel(workspace, "VOICE", config, false));
        UUID incident = harness.open(monitor);
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        String base = "/twilio/2010-04-01/Accounts/" + sid + "/";
        List<Receiver.Request> sms = to(base + "Messages.json");
        assertThat(sms).hasSize(2);
        assertThat(sms).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo(basic(sid, "twiliotoken000000001")));
        Map<String, String> message = form(sms.getFirst());
        assertThat(message.keySet()).containsExactlyInAnyOrder("To", "From", "Body");
        assertThat(message).containsEntry("To", "+4915112345678").containsEntry("From", "+15005550006");
        assertThat(message.get("Body")).isEqualTo("DOWN: Core & DB\nHTTP status 503\nhttps://vigil.test/incidents/"
                + incident);
        assertThat(form(sms.get(1)).get("Body")).startsWith("RESOLVED: Core & DB");

        List<Receiver.Request> calls = to(base + "Calls.json");
        assertThat(calls).as("a call for the opening only, none for the recovery").hasSize(1);
        Map<String, String> call = form(calls.getFirst());
        assertThat(call.keySet()).containsExactlyInAnyOrder("To", "From", "Twiml");
        assertThat(call.get("Twiml")).isEqualTo("<Response><Say>Vigil alert. DOWN: Core &amp; DB. HTTP status 503."
                + "</Say><Pause length=\"1\"/><Say>Vigil alert. DOWN: Core &amp; DB. HTTP status 503.</Say>"
                + "</Response>");
        assertThat(harness.jdbc.sql("""
                        SELECT count(*) FROM notification_deliveries d JOIN alert_channels c ON c.id = d.channel_id
                        WHERE c.workspace_id = ? AND d.status <> 'DELIVERED'""")
                .param(workspace).query(Long.class).single()).isZero();
    }

    @Test
    void slackWithASigningSecretCarriesAnAcknowledgeButtonBoundToChannelAndIncident() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Login");
        String signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
        UUID channel = harness.channel(workspace, "SLACK", Map.of("webhookUrl", receiver.url("/slack-ack/"
                + workspace), "signingSecret", signingSecret), false);
        harness.link(monitor, channel);
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to("/slack-ack/" + workspace);
        JsonNode blocks = json(got.getFirst()).get("blocks");
        assertThat(blocks.valueStream().map(b -> b.get("type").asString()).toList())
                .containsExactly("header", "section", "context", "actions");
        JsonNode button = blocks.get(3).get("elements").get(0);
        assertThat(button.get("type").asString()).isEqualTo("button");
        assertThat(button.get("action_id").asString()).isEqualTo(SlackAckButton.ACTION_ID);
        assertThat(button.get("text").get("text").asString()).isEqualTo("Acknowledge");
        String value = button.get("value").asString();
        SlackAckButton parsed = SlackAckButton.parse(value).orElseThrow();
        assertThat(parsed).isEqualTo(new SlackAckButton(channel, incident));
        assertThat(parsed.verify(value, signingSecret)).isTrue();
        assertThat(parsed.verify(value, "another-apps-signing-secret")).isFalse();
        assertThat(json(got.get(1)).get("blocks").valueStream().map(b -> b.get("type").asString()).toList())
                .as("nothing to acknowledge once resolved").doesNotContain("actions");
    }

    @Test
    void saasModeRefusesSelfHostedServersOnInternalAddressesAtSendTime() throws Exception {
        try (Receiver internal = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Sneaky");
            UUID matrix = harness.channel(workspace, "MATRIX", Map.of("homeserverUrl", internal.url(""),
                    "roomId", "!a:b.example", "accessToken", "syt_sneaky00000001"), false);
            UUID ntfy = harness.channel(workspace, "NTFY", Map.of("topicUrl", internal.url("/topic")), false);
            harness.link(monitor, matrix);
            harness.link(monitor, ntfy);
            harness.open(monitor);
            harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.publicOnly(), null,
                    ProviderEndpoints.at(internal.url(""))).runOnce();

            assertThat(internal.requests()).isEmpty();
            for (UUID channel : List.of(matrix, ntfy)) {
                assertThat(harness.jdbc.sql("SELECT last_error FROM notification_deliveries WHERE channel_id = ?")
                        .param(channel).query(String.class).single()).contains("refused by the SSRF guard");
            }
        }
    }

    @Test
    void providerEndpointsDefaultToTheProvidersPublicApis() {
        ProviderEndpoints defaults = ProviderEndpoints.defaults();
        assertThat(defaults.opsgenieUs()).isEqualTo(URI.create("https://api.opsgenie.com"));
        assertThat(defaults.opsgenieEu()).isEqualTo(URI.create("https://api.eu.opsgenie.com"));
        assertThat(defaults.pushover()).isEqualTo(URI.create("https://api.pushover.net"));
        assertThat(defaults.twilio()).isEqualTo(URI.create("https://api.twilio.com"));
    }
}
