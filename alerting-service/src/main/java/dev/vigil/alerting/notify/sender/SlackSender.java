package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLACK incoming webhook: {@code text} (the notification fallback) and Block Kit blocks: a header, the facts as
 * mrkdwn fields, and a context line with the link and the delivery id.
 */
public final class SlackSender extends ChatWebhookSender {

    public SlackSender(GuardedHttp http) {
        super(ChannelType.SLACK, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        return body(notification);
    }

    static Map<String, Object> body(Notification notification) {
        AlertMessage message = notification.message();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.title());
        List<Map<String, Object>> fields = message.facts().entrySet().stream()
                .map(f -> Map.<String, Object>of("type", "mrkdwn", "text", "*" + f.getKey() + "*\n" + f.getValue()))
                .limit(10).toList();
        body.put("blocks", List.of(
                Map.of("type", "header", "text", Map.of("type", "plain_text", "text", message.title())),
                Map.of("type", "section", "fields", fields),
                Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                        "text", "<" + message.link() + "|Open in Vigil> · delivery " + notification.deliveryId())))));
        return body;
    }
}
