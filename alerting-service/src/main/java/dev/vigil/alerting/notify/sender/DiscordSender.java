package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DISCORD webhook: one embed with title, link, colour by severity, the facts as fields and the delivery id. */
public final class DiscordSender extends ChatWebhookSender {

    public DiscordSender(GuardedHttp http) {
        super(ChannelType.DISCORD, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        return body(notification);
    }

    static Map<String, Object> body(Notification notification) {
        AlertMessage message = notification.message();
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", message.title());
        embed.put("url", message.link());
        embed.put("color", switch (message.severity()) {
            case CRITICAL -> 0xE01E5A;
            case WARNING -> 0xECB22E;
            case RESOLVED -> 0x2EB67D;
            case INFO -> 0x36C5F0;
        });
        embed.put("fields", message.facts().entrySet().stream()
                .map(f -> Map.<String, Object>of("name", f.getKey(), "value", f.getValue(), "inline",
                        f.getValue().length() < 40))
                .limit(25).toList());
        embed.put("footer", Map.of("text", "Vigil · delivery " + notification.deliveryId()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "Vigil");
        body.put("embeds", List.of(embed));
        return body;
    }
}
