package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * TELEGRAM Bot API {@code sendMessage} ({@code <base>/bot<token>/sendMessage}) with an HTML-formatted text. The URL
 * holds the bot token, so it is never logged (GuardedHttp's errors name the host only).
 */
public final class TelegramSender implements ChannelSender {

    private final GuardedHttp http;
    private final URI base;

    public TelegramSender(GuardedHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    @Override
    public ChannelType type() {
        return ChannelType.TELEGRAM;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        URI url = URI.create(base.toString().replaceAll("/+$", "") + "/bot" + config.get("botToken")
                + "/sendMessage");
        return http.postJson(url, WireJson.write(body(notification, config.get("chatId"))), Map.of(), timeout);
    }

    static Map<String, Object> body(Notification notification, String chatId) {
        AlertMessage message = notification.message();
        StringBuilder text = new StringBuilder("<b>").append(HtmlUtils.htmlEscape(message.title())).append("</b>\n");
        message.facts().forEach((label, value) -> text.append("<b>").append(HtmlUtils.htmlEscape(label))
                .append(":</b> ").append(HtmlUtils.htmlEscape(value)).append('\n'));
        text.append("<a href=\"").append(HtmlUtils.htmlEscape(message.link())).append("\">Open in Vigil</a>");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text.toString());
        body.put("parse_mode", "HTML");
        body.put("disable_web_page_preview", true);
        return body;
    }
}
