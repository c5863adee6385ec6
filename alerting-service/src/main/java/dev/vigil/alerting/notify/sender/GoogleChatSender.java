package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GOOGLE_CHAT incoming webhook: {@code text} (the notification line) and one {@code cardsV2} card: a header with the
 * title, the facts as {@code decoratedText} widgets and an "Open in Vigil" button.
 */
public final class GoogleChatSender extends ChatWebhookSender {

    public GoogleChatSender(GuardedHttp http) {
        super(ChannelType.GOOGLE_CHAT, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        AlertMessage message = notification.message();
        List<Map<String, Object>> widgets = new ArrayList<>();
        message.facts().forEach((label, value) -> widgets.add(Map.of("decoratedText", Map.of("topLabel", label,
                "text", value, "wrapText", true))));
        widgets.add(Map.of("buttonList", Map.of("buttons", List.of(Map.of("text", "Open in Vigil",
                "onClick", Map.of("openLink", Map.of("url", message.link())))))));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("header", Map.of("title", message.title(), "subtitle", "Vigil · " + message.severity()));
        card.put("sections", List.of(Map.of("widgets", widgets)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.title());
        body.put("cardsV2", List.of(Map.of("cardId", "vigil-" + notification.deliveryId(), "card", card)));
        return body;
    }
}
