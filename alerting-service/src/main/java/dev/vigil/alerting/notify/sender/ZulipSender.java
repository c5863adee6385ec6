package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZULIP {@code POST /api/v1/messages} on the channel's server, HTTP basic auth as the bot (email and API key): a
 * stream message to the channel's stream, under its topic or, without one, a topic per monitor, in Zulip markdown.
 */
public final class ZulipSender implements ChannelSender {

    private final GuardedHttp http;

    public ZulipSender(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.ZULIP;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        URI url = URI.create(config.get("siteUrl").replaceAll("/+$", "") + "/api/v1/messages");
        return http.postForm(url, form(notification, config),
                Map.of("Authorization", GuardedHttp.basic(config.get("botEmail"), config.get("apiKey"))), timeout);
    }

    static Map<String, String> form(Notification notification, Map<String, String> config) {
        AlertMessage message = notification.message();
        StringBuilder content = new StringBuilder("**").append(message.title()).append("**\n");
        message.facts().forEach((label, value) -> content.append("* ").append(label).append(": ").append(value)
                .append('\n'));
        content.append("[Open in Vigil](").append(message.link()).append(')');
        String topic = config.get("topic");
        if (topic == null) {
            String monitor = notification.payload().path("monitor").path("name").asString("");
            topic = monitor.isBlank() ? "Vigil" : monitor;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "stream");
        form.put("to", config.get("stream"));
        form.put("topic", OpsgenieSender.cut(topic, 60));
        form.put("content", content.toString());
        return form;
    }
}
