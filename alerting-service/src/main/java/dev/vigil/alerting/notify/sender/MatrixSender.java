package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * MATRIX client-server API: {@code PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}} on the
 * channel's homeserver with {@code Authorization: Bearer <accessToken>}. The transaction id is {@code vigil-<delivery
 * id>}, the same on every retry, so the homeserver stores a retried delivery once (the spec's idempotency).
 */
public final class MatrixSender implements ChannelSender {

    private final GuardedHttp http;

    public MatrixSender(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.MATRIX;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        URI url = URI.create(config.get("homeserverUrl").replaceAll("/+$", "") + "/_matrix/client/v3/rooms/"
                + URLEncoder.encode(config.get("roomId"), StandardCharsets.UTF_8) + "/send/m.room.message/"
                + transactionId(notification));
        return http.putJson(url, WireJson.write(body(notification)),
                Map.of("Authorization", "Bearer " + config.get("accessToken")), timeout);
    }

    static String transactionId(Notification notification) {
        return "vigil-" + notification.deliveryId();
    }

    static Map<String, Object> body(Notification notification) {
        AlertMessage message = notification.message();
        StringBuilder html = new StringBuilder("<strong>").append(HtmlUtils.htmlEscape(message.title()))
                .append("</strong><br>");
        message.facts().forEach((label, value) -> html.append("<b>").append(HtmlUtils.htmlEscape(label))
                .append(":</b> ").append(HtmlUtils.htmlEscape(value)).append("<br>"));
        html.append("<a href=\"").append(HtmlUtils.htmlEscape(message.link())).append("\">Open in Vigil</a>");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "m.text");
        body.put("body", message.plainText());
        body.put("format", "org.matrix.custom.html");
        body.put("formatted_body", html.toString());
        return body;
    }
}
