package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MATTERMOST incoming webhook (Slack-compatible attachments): one attachment with a fallback, colour by severity,
 * the title linking to the dashboard, the facts as fields and the delivery id in the footer.
 */
public final class MattermostSender extends ChatWebhookSender {

    public MattermostSender(GuardedHttp http) {
        super(ChannelType.MATTERMOST, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        AlertMessage message = notification.message();
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("fallback", message.title());
        attachment.put("color", switch (message.severity()) {
            case CRITICAL -> "#E01E5A";
            case WARNING -> "#ECB22E";
            case RESOLVED -> "#2EB67D";
            case INFO -> "#36C5F0";
        });
        attachment.put("title", message.title());
        attachment.put("title_link", message.link());
        attachment.put("fields", message.facts().entrySet().stream()
                .map(f -> Map.<String, Object>of("title", f.getKey(), "value", f.getValue(),
                        "short", f.getValue().length() < 40)).toList());
        attachment.put("footer", "Vigil · delivery " + notification.deliveryId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "Vigil");
        body.put("attachments", List.of(attachment));
        return body;
    }
}
