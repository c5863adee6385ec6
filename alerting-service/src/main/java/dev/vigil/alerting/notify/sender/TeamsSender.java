package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TEAMS incoming webhook (Workflows): a message with one Adaptive Card attachment: the title, the facts as a FactSet
 * and an "Open in Vigil" action.
 */
public final class TeamsSender extends ChatWebhookSender {

    public TeamsSender(GuardedHttp http) {
        super(ChannelType.TEAMS, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        return body(notification);
    }

    static Map<String, Object> body(Notification notification) {
        AlertMessage message = notification.message();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(
                Map.of("type", "TextBlock", "text", message.title(), "weight", "Bolder", "size", "Medium",
                        "wrap", true),
                Map.of("type", "FactSet", "facts", message.facts().entrySet().stream()
                        .map(f -> Map.of("title", f.getKey(), "value", f.getValue())).toList()),
                Map.of("type", "TextBlock", "text", "Delivery " + notification.deliveryId(), "isSubtle", true,
                        "size", "Small")));
        card.put("actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open in Vigil",
                "url", message.link())));
        return Map.of("type", "message", "attachments", List.of(Map.of(
                "contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }
}
