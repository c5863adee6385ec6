package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.channel.JsonTemplate;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * TEMPLATE_WEBHOOK: the channel's Mustache template rendered with the event ({@link JsonTemplate#scope}) and POSTed
 * as JSON with {@code X-Vigil-Event}, {@code X-Vigil-Delivery} and, when configured, the channel's
 * {@code Authorization} header. A rendering that is not JSON is a failed attempt, not a malformed request.
 */
public final class TemplateWebhookSender implements ChannelSender {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final GuardedHttp http;

    public TemplateWebhookSender(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.TEMPLATE_WEBHOOK;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        String body;
        try {
            body = JsonTemplate.compile(config.get("template")).render(scope(notification));
        } catch (IllegalArgumentException e) {
            return SendResult.failed(null, "template: " + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Vigil-Event", notification.event());
        headers.put("X-Vigil-Delivery", notification.deliveryId().toString());
        if (config.get("authorization") != null) {
            headers.put("Authorization", config.get("authorization"));
        }
        return http.postJson(URI.create(config.get("url")), body, headers, timeout);
    }

    static Map<String, Object> scope(Notification notification) {
        AlertMessage message = notification.message();
        return JsonTemplate.scope(WireJson.mapper().convertValue(notification.payload(), MAP),
                notification.deliveryId().toString(), message.title(), message.severity().name(), message.link(),
                message.plainText());
    }
}
