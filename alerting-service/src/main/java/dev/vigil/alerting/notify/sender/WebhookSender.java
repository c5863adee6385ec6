package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * WEBHOOK (the reference sender): the outbox payload of docs/api.md plus {@code deliveryId}, with headers
 * {@code X-Vigil-Event}, {@code X-Vigil-Delivery} (stable across retries: receivers dedupe by it) and
 * {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the raw body with the channel secret>}, and the Standard
 * Webhooks headers {@code webhook-id} (the delivery id), {@code webhook-timestamp} (this attempt, in seconds) and
 * {@code webhook-signature} ({@link StandardWebhookSignature}), so receivers can refuse replays of old deliveries.
 */
public final class WebhookSender implements ChannelSender {

    private final GuardedHttp http;
    private final Clock clock;

    public WebhookSender(GuardedHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        ObjectNode body = notification.payload().deepCopy();
        body.put("deliveryId", notification.deliveryId().toString());
        screenshotUrls(body, notification.message());
        String raw = WireJson.write(body);
        String id = notification.deliveryId().toString();
        // A fresh timestamp per attempt (the id stays): receivers refuse deliveries older than their tolerance.
        long timestamp = clock.instant().getEpochSecond();
        String secret = config.get("secret");
        return http.postJson(URI.create(config.get("url")), raw, Map.of(
                "X-Vigil-Event", notification.event(),
                "X-Vigil-Delivery", id,
                "X-Vigil-Signature", "sha256=" + hmac(secret, raw),
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", StandardWebhookSignature.sign(secret, id, timestamp, raw)), timeout);
    }

    /**
     * A failed browser check's screenshot, linked absolutely: {@code url} the API's PNG (an API key reads it),
     * {@code pageUrl} its result on the dashboard.
     */
    static void screenshotUrls(ObjectNode body, AlertMessage message) {
        String page = message == null ? null : message.facts().get(AlertMessage.SCREENSHOT);
        if (page == null || !(body.get("incident") instanceof ObjectNode incident)
                || !(incident.get("screenshot") instanceof ObjectNode screenshot)) {
            return;
        }
        String base = page.substring(0, page.length() - screenshot.path("page").asString().length());
        screenshot.put("url", base + screenshot.path("path").asString());
        screenshot.put("pageUrl", page);
    }

    /** Hex HMAC-SHA256 of {@code body} (UTF-8) keyed by {@code secret} (UTF-8). */
    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
