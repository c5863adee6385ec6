package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NTFY: the facts as the message body, POSTed to the channel's topic URL (ntfy.sh or a self-hosted server) with the
 * headers ntfy documents: {@code Title}, {@code Priority} (1-5), {@code Tags} (emoji short codes), {@code Click} (the
 * dashboard link) and, with a token, {@code Authorization: Bearer}. A title that is not ASCII goes RFC 2047-encoded,
 * which ntfy decodes.
 */
public final class NtfySender implements ChannelSender {

    private final GuardedHttp http;

    public NtfySender(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.NTFY;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        AlertMessage message = notification.message();
        StringBuilder text = new StringBuilder();
        message.facts().forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
        return http.postText(URI.create(config.get("topicUrl")), text.isEmpty() ? message.title() : text.toString()
                .strip(), headers(message, config.get("priority"), config.get("token")), timeout);
    }

    static Map<String, String> headers(AlertMessage message, String priority, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Title", headerText(message.title()));
        headers.put("Priority", switch (message.severity()) {
            case CRITICAL -> priority == null ? "5" : priority;
            case WARNING -> "4";
            case INFO, RESOLVED -> "3";
        });
        headers.put("Tags", switch (message.severity()) {
            case CRITICAL -> "rotating_light,vigil";
            case WARNING -> "warning,vigil";
            case RESOLVED -> "white_check_mark,vigil";
            case INFO -> "information_source,vigil";
        });
        headers.put("Click", message.link());
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    /** ASCII as it is; anything else as an RFC 2047 encoded word (HTTP header values are ASCII). */
    static String headerText(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? oneLine
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
