package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A chat platform's incoming webhook (Slack, Discord, Teams, Google Chat, Mattermost): the platform's JSON posted to the channel's
 * {@code webhookUrl} through the SSRF-guarded client. Subclasses only shape the payload.
 */
abstract class ChatWebhookSender implements ChannelSender {

    private final ChannelType type;
    private final GuardedHttp http;

    ChatWebhookSender(ChannelType type, GuardedHttp http) {
        this.type = type;
        this.http = http;
    }

    @Override
    public final ChannelType type() {
        return type;
    }

    @Override
    public final SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        return http.postJson(URI.create(config.get("webhookUrl")), WireJson.write(payload(notification, config)),
                Map.of(), timeout);
    }

    /** The message for this notification and channel; by default the same for every channel of the type. */
    Map<String, Object> payload(Notification notification, Map<String, String> config) {
        return payload(notification);
    }

    /** The platform's message for this notification. */
    abstract Map<String, Object> payload(Notification notification);
}
