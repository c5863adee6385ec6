package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PUSHOVER Message API: a form POST to the deployment's {@code /1/messages.json} with the application's
 * {@code token}, the {@code user} key, title, message, the dashboard link and a priority ({@code priority} of the
 * channel for critical alerts, 1 by default; 0 for warnings, -1 otherwise). Emergency priority (2) needs
 * {@code retry} and {@code expire}: every 60 s for an hour.
 */
public final class PushoverSender implements ChannelSender {

    private final GuardedHttp http;
    private final URI endpoint;

    public PushoverSender(GuardedHttp http, URI base) {
        this.http = http;
        this.endpoint = URI.create(base.toString().replaceAll("/+$", "") + "/1/messages.json");
    }

    @Override
    public ChannelType type() {
        return ChannelType.PUSHOVER;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        return http.postForm(endpoint, form(notification, config), Map.of(), timeout);
    }

    static Map<String, String> form(Notification notification, Map<String, String> config) {
        AlertMessage message = notification.message();
        StringBuilder text = new StringBuilder();
        message.facts().forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
        String priority = switch (message.severity()) {
            case CRITICAL -> config.getOrDefault("priority", "1");
            case WARNING -> "0";
            case INFO, RESOLVED -> "-1";
        };
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", config.get("appToken"));
        form.put("user", config.get("userKey"));
        form.put("title", OpsgenieSender.cut(message.title(), 250));
        form.put("message", OpsgenieSender.cut(text.isEmpty() ? message.title() : text.toString().strip(), 1024));
        form.put("url", message.link());
        form.put("url_title", "Open in Vigil");
        form.put("priority", priority);
        if (priority.equals("2")) {
            form.put("retry", "60");
            form.put("expire", "3600");
        }
        return form;
    }
}
