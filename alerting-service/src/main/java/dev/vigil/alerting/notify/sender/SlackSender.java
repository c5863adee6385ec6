package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.channel.SlackAckButton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SLACK incoming webhook: {@code text} (the notification fallback) and Block Kit blocks: a header, the facts as
 * mrkdwn fields, a context line with the link and the delivery id, and an Acknowledge button when the channel has
 * its Slack app's signing secret.
 */
public final class SlackSender extends ChatWebhookSender {

    public SlackSender(GuardedHttp http) {
        super(ChannelType.SLACK, http);
    }

    @Override
    Map<String, Object> payload(Notification notification) {
        return body(notification);
    }

    /**
     * With the Slack app's signing secret configured, an alert about an open incident also carries an Acknowledge
     * button, whose press Slack sends to the api-service's {@code /integrations/slack/actions}.
     */
    @Override
    Map<String, Object> payload(Notification notification, Map<String, String> config) {
        Map<String, Object> body = body(notification);
        String signingSecret = config.get("signingSecret");
        if (signingSecret != null && notification.channelId() != null && notification.incidentId() != null
                && ACKNOWLEDGEABLE.contains(notification.event())) {
            SlackAckButton button = new SlackAckButton(notification.channelId(),
                    UUID.fromString(notification.incidentId()));
            List<Object> blocks = new ArrayList<>((List<?>) body.get("blocks"));
            blocks.add(Map.of("type", "actions", "block_id", "vigil_incident", "elements", List.of(Map.of(
                    "type", "button", "action_id", SlackAckButton.ACTION_ID, "style", "primary",
                    "text", Map.of("type", "plain_text", "text", "Acknowledge"),
                    "value", button.value(signingSecret)))));
            body.put("blocks", blocks);
        }
        return body;
    }

    private static final Set<String> ACKNOWLEDGEABLE = Set.of("incident.opened", "incident.reopened",
            "incident.escalated");

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
