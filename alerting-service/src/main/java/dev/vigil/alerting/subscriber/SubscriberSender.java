package dev.vigil.alerting.subscriber;

import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.alerting.notify.sender.SendResult;
import dev.vigil.alerting.notify.sender.StandardWebhookSignature;
import dev.vigil.alerting.notify.sender.WebhookSender;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one subscriber message: a mail (the delivery id as Message-ID, the unsubscribe link in the footer and as a
 * one-click {@code List-Unsubscribe} header, RFC 8058) or a webhook POST through the SSRF guard, signed as alert
 * webhooks are, with the subscriber's own secret: {@code X-Vigil-Signature} (hex HMAC of the body) and the Standard
 * Webhooks headers ({@code webhook-id} = the delivery id, stable across retries), so one receiver verifies both.
 * Never throws for a failed send; never logs an address, URL or secret.
 */
@Component
class SubscriberSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final GuardedHttp http;
    private final SecretBox box;
    private final SubscriberProperties properties;
    private final Clock clock;

    SubscriberSender(ObjectProvider<JavaMailSender> mail, GuardedHttp http, SecretBox box,
                     SubscriberProperties properties, Clock clock) {
        this.mail = mail;
        this.http = http;
        this.box = box;
        this.properties = properties;
        this.clock = clock;
    }

    SendResult send(SubscriberDelivery delivery, SubscriberMessage message) {
        try {
            return "WEBHOOK".equals(delivery.kind()) ? post(delivery, message) : mail(delivery, message);
        } catch (RuntimeException e) {
            return SendResult.failed(null, "sender error: " + e.getClass().getSimpleName());
        }
    }

    private SendResult mail(SubscriberDelivery delivery, SubscriberMessage message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return SendResult.failed(null, "no SMTP server configured (spring.mail.host)");
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(delivery.email());
            helper.setSubject(("[" + delivery.pageTitle() + "] " + message.subject()).replaceAll("[\\r\\n]+", " "));
            String text = message.text();
            if (message.unsubscribeUrl() != null) {
                SubscriberWords words = SubscriberWords.of(delivery.language());
                text += "\n--\n%s: %s\n%s: %s\n".formatted(words.format("footer.page"), properties.link("/status/"
                        + delivery.slug()), words.format("footer.unsubscribe"), message.unsubscribeUrl());
                mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            helper.setText(text, false);
            mime.setHeader("Message-ID", "<" + delivery.id() + "@vigil>");
            mime.setHeader("X-Vigil-Delivery", delivery.id().toString());
            mime.setHeader("X-Vigil-Event", message.event());
            sender.send(mime);
            return SendResult.delivered(null);
        } catch (MessagingException | MailException e) {
            return SendResult.failed(null, "SMTP: " + e.getClass().getSimpleName());
        }
    }

    private SendResult post(SubscriberDelivery delivery, SubscriberMessage message) {
        String secret;
        try {
            secret = box.open(delivery.secretSealed(), SealedColumns.subscriberSecret(delivery.subscriberId()));
        } catch (IllegalArgumentException e) {
            return SendResult.failed(null, "the subscriber's secret does not open with this key");
        }
        ObjectNode body = message.body().deepCopy();
        body.put("deliveryId", delivery.id().toString());
        String raw = WireJson.write(body);
        String id = delivery.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        return http.postJson(URI.create(delivery.webhookUrl()), raw, Map.of(
                "X-Vigil-Event", message.event(),
                "X-Vigil-Delivery", id,
                "X-Vigil-Signature", "sha256=" + WebhookSender.hmac(secret, raw),
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", StandardWebhookSignature.sign(secret, id, timestamp, raw)), properties.timeout());
    }
}
