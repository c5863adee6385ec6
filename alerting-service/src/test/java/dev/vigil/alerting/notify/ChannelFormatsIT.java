package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.notify.sender.WebhookSender;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.net.TargetPolicy;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;

/**
 * Every channel type delivered for real: GreenMail for EMAIL, loopback HTTP receivers for the rest, checking the
 * exact payload shapes each service expects (and PagerDuty's dedup key across trigger, acknowledge and resolve).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelFormatsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private NotifyHarness harness;
    private Receiver receiver;
    private Dispatcher dispatcher;

    @BeforeAll
    void start() throws Exception {
        harness = new NotifyHarness();
        receiver = Receiver.ok();
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        dispatcher = harness.dispatcher(NotifyHarness.properties(URI.create(receiver.url("/pagerduty/v2/enqueue")),
                URI.create(receiver.url("/telegram")), 1000), mail, TargetPolicy.allowingPrivate());
    }

    @AfterAll
    void stop() {
        receiver.close();
        harness.close();
    }

    private List<Receiver.Request> to(String prefix) {
        return receiver.requests().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    /** Base64 HMAC-SHA256, computed here as a receiver would, independently of the sender's code. */
    private static String standardHmac(byte[] key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWhsecSecretSignsWithItsDecodedBytesAsStandardWebhooksLibrariesExpect() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Shop");
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        harness.link(monitor, harness.channel(workspace, "WEBHOOK",
                Map.of("url", receiver.url("/whsec/" + workspace), "secret", secret), false));
        harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        Receiver.Request request = to("/whsec/" + workspace).getFirst();
        assertThat(request.header("webhook-signature")).isEqualTo("v1," + standardHmac(
                Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), request.header("webhook-id") + "."
                        + request.header("webhook-timestamp") + "." + request.body()));
    }

    private static JsonNode json(Receiver.Request request) {
        return WireJson.mapper().readTree(request.body());
    }

    @Test
    void webhookCarriesTheApiBodyADeliveryIdAndAVerifiableSignature() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Shop");
        String secret = "webhook-secret-000000001";
        harness.link(monitor, harness.channel(workspace, "WEBHOOK",
                Map.of("url", receiver.url("/webhook/" + workspace), "secret", secret), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to("/webhook/" + workspace);
        assertThat(got).hasSize(1);
        Receiver.Request request = got.getFirst();
        assertThat(request.header("X-Vigil-Event")).isEqualTo("incident.opened");
        assertThat(request.header("X-Vigil-Signature")).isEqualTo("sha256=" + WebhookSender.hmac(secret,
                request.body()));
        // Standard Webhooks, checked the way a receiver's library does: key = the secret's bytes (as whsec_<base64>).
        assertThat(request.header("webhook-id")).isEqualTo(request.header("X-Vigil-Delivery"));
        assertThat(request.header("webhook-timestamp"))
                .isEqualTo(Long.toString(harness.clock.instant().getEpochSecond()));
        assertThat(request.header("webhook-signature")).isEqualTo("v1," + standardHmac(
                secret.getBytes(StandardCharsets.UTF_8), request.header("webhook-id") + "."
                        + request.header("webhook-timestamp") + "." + request.body()));
        JsonNode body = json(request);
        assertThat(body.get("deliveryId").asString()).isEqualTo(request.header("X-Vigil-Delivery"));
        assertThat(body.get("event").asString()).isEqualTo("incident.opened");
        assertThat(body.get("occurredAt").asString()).isEqualTo(harness.clock.instant().toString());
        assertThat(body.get("monitor").propertyNames()).containsExactly("id", "name", "type", "target");
        assertThat(body.get("monitor").get("target").asString()).isEqualTo("https://shop.example/health");
        assertThat(body.get("incident").get("id").asString()).isEqualTo(incident.toString());
        assertThat(body.get("incident").get("cause").asString()).isEqualTo("HTTP status 503");
        assertThat(body.get("incident").get("regions").valueStream().map(JsonNode::asString).toList())
                .containsExactly("local-a", "local-b");
    }

    @Test
    void slackDiscordAndTeamsGetTheirIncomingWebhookFormats() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Checkout");
        harness.link(monitor, harness.channel(workspace, "SLACK", Map.of("webhookUrl", receiver.url("/slack/"
                + workspace)), false));
        harness.link(monitor, harness.channel(workspace, "DISCORD", Map.of("webhookUrl", receiver.url("/discord/"
                + workspace)), false));
        harness.link(monitor, harness.channel(workspace, "TEAMS", Map.of("webhookUrl", receiver.url("/teams/"
                + workspace)), false));
        UUID incident = harness.open(monitor);
        harness.clock.advance(java.time.Duration.ofSeconds(312));
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> slack = to("/slack/" + workspace);
        assertThat(slack).hasSize(2);
        JsonNode opened = json(slack.getFirst());
        assertThat(opened.propertyNames()).containsExactly("text", "blocks");
        assertThat(opened.get("text").asString()).isEqualTo("DOWN: Checkout");
        assertThat(opened.get("blocks").valueStream().map(b -> b.get("type").asString()).toList())
                .containsExactly("header", "section", "context");
        assertThat(opened.get("blocks").get(1).get("fields").get(0).get("type").asString()).isEqualTo("mrkdwn");
        assertThat(opened.get("blocks").get(2).get("elements").get(0).get("text").asString())
                .contains("https://vigil.test/incidents/" + incident);
        assertThat(json(slack.get(1)).get("text").asString()).isEqualTo("RESOLVED: Checkout (down 5m 12s)");

        List<Receiver.Request> discord = to("/discord/" + workspace);
        assertThat(discord).hasSize(2);
        JsonNode embed = json(discord.getFirst()).get("embeds").get(0);
        assertThat(json(discord.getFirst()).propertyNames()).containsExactly("username", "embeds");
        assertThat(embed.propertyNames()).containsExactly("title", "url", "color", "fields", "footer");
        assertThat(embed.get("title").asString()).isEqualTo("DOWN: Checkout");
        assertThat(embed.get("color").asInt()).isEqualTo(0xE01E5A);
        assertThat(embed.get("fields").valueStream().map(f -> f.get("name").asString()).toList())
                .containsExactly("Monitor", "Cause", "Regions", "Started");
        assertThat(json(discord.get(1)).get("embeds").get(0).get("fields").valueStream()
                .map(f -> f.get("name").asString()).toList()).contains("Resolved", "Downtime");

        List<Receiver.Request> teams = to("/teams/" + workspace);
        assertThat(teams).hasSize(2);
        JsonNode message = json(teams.getFirst());
        assertThat(message.get("type").asString()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("DOWN: Checkout");
        assertThat(card.get("body").get(1).get("type").asString()).isEqualTo("FactSet");
        assertThat(card.get("actions").get(0).get("url").asString())
                .isEqualTo("https://vigil.test/incidents/" + incident);
    }

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesWithOneDedupKeyPerIncident() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "API");
        harness.link(monitor, harness.channel(workspace, "PAGERDUTY",
                Map.of("routingKey", "R0UT1NG" + workspace.toString().replace("-", "")), false));
        UUID incident = harness.open(monitor);
        NotifyHarness.drain(dispatcher);
        harness.acknowledge(incident, monitor);
        NotifyHarness.drain(dispatcher);
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<JsonNode> events = to("/pagerduty/v2/enqueue").stream().map(ChannelFormatsIT::json)
                .filter(e -> e.get("routing_key").asString().endsWith(workspace.toString().replace("-", "")))
                .toList();
        assertThat(events.stream().map(e -> e.get("event_action").asString()).toList())
                .containsExactly("trigger", "acknowledge", "resolve");
        assertThat(events.stream().map(e -> e.get("dedup_key").asString()).distinct().toList())
                .containsExactly("vigil-incident-" + incident);
        JsonNode trigger = events.getFirst();
        assertThat(trigger.get("payload").get("summary").asString()).isEqualTo("DOWN: API");
        assertThat(trigger.get("payload").get("severity").asString()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asString()).isEqualTo("https://shop.example/health");
        assertThat(trigger.get("payload").get("timestamp").asString()).isNotEmpty();
        assertThat(events.get(1).propertyNames()).containsExactly("routing_key", "event_action", "dedup_key");
        assertThat(events.get(2).propertyNames()).containsExactly("routing_key", "event_action", "dedup_key");
    }

    @Test
    void telegramGetsSendMessageOnTheBotPath() {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Cron <jobs>");
        harness.link(monitor, harness.channel(workspace, "TELEGRAM",
                Map.of("botToken", "12345:" + workspace, "chatId", "-100200300"), false));
        harness.open(monitor);
        NotifyHarness.drain(dispatcher);

        List<Receiver.Request> got = to("/telegram/bot12345:" + workspace + "/sendMessage");
        assertThat(got).hasSize(1);
        JsonNode body = json(got.getFirst());
        assertThat(body.propertyNames()).containsExactly("chat_id", "text", "parse_mode", "disable_web_page_preview");
        assertThat(body.get("chat_id").asString()).isEqualTo("-100200300");
        assertThat(body.get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(body.get("text").asString()).startsWith("<b>DOWN: Cron &lt;jobs&gt;</b>\n")
                .contains("<b>Cause:</b> HTTP status 503");
    }

    @Test
    void emailHasPlainTextAndHtmlWithMonitorCauseRegionsStartDowntimeAndLink() throws Exception {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Billing");
        harness.link(monitor, harness.channel(workspace, "EMAIL", Map.of("to", "ops-" + workspace
                + "@example.com"), false));
        UUID incident = harness.open(monitor);
        harness.clock.advance(java.time.Duration.ofMinutes(61).plusSeconds(1));
        harness.resolve(incident, monitor);
        NotifyHarness.drain(dispatcher);

        List<MimeMessage> mails = List.of(smtp.getReceivedMessagesForDomain("example.com")).stream()
                .filter(m -> recipients(m).contains(workspace.toString())).toList();
        assertThat(mails).hasSize(2);
        MimeMessage opened = mails.getFirst();
        assertThat(opened.getSubject()).isEqualTo("[Vigil] DOWN: Billing");
        assertThat(opened.getHeader("X-Vigil-Delivery")[0]).isNotBlank();
        assertThat(opened.getMessageID()).isEqualTo("<" + opened.getHeader("X-Vigil-Delivery")[0] + "@vigil>");
        String all = GreenMailUtil.getWholeMessage(opened);
        assertThat(all).contains("text/plain").contains("text/html");
        String text = part(opened, "text/plain");
        String html = part(opened, "text/html");
        assertThat(text).contains("Monitor: Billing (HTTP https://shop.example/health)", "Cause: HTTP status 503",
                "Regions: local-a, local-b", "Started: 2026-", "https://vigil.test/incidents/" + incident);
        assertThat(html).contains("<h2>DOWN: Billing</h2>", "href=\"https://vigil.test/incidents/" + incident);
        assertThat(mails.get(1).getSubject()).isEqualTo("[Vigil] RESOLVED: Billing (down 1h 1m 1s)");
        String resolvedText = part(mails.get(1), "text/plain");
        assertThat(resolvedText).contains("Downtime: 1h 1m 1s");
    }

    /** The content of the first part of this type, however deep the multipart nesting. */
    private static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTestEventReachesOnlyItsChannel() {
        UUID workspace = harness.workspace();
        UUID tested = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/test-a/" + workspace),
                "secret", "webhook-secret-000000002"), true);
        harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/test-b/" + workspace),
                "secret", "webhook-secret-000000003"), true);
        harness.jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, event, payload)
                        VALUES (?, ?, 'test', ?::jsonb)""")
                .params(UUID.randomUUID(), workspace, WireJson.write(Map.of("event", "test",
                        "occurredAt", harness.clock.instant().toString(), "channelId", tested.toString())))
                .update();
        NotifyHarness.drain(dispatcher);
        assertThat(to("/test-a/" + workspace)).hasSize(1);
        assertThat(to("/test-b/" + workspace)).isEmpty();
        assertThat(json(to("/test-a/" + workspace).getFirst()).get("event").asString()).isEqualTo("test");
    }
}
