package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * SMS and VOICE through a Twilio-compatible API at the deployment's endpoint, HTTP basic auth with the account SID
 * and auth token: an SMS is {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with {@code To},
 * {@code From} and {@code Body}; a call is {@code .../Calls.json} with {@code To}, {@code From} and {@code Twiml}
 * reading the alert out twice. Calls are placed only for critical alerts and tests: nobody is woken up to hear that
 * something recovered.
 */
public final class TwilioSender implements ChannelSender {

    private final ChannelType type;
    private final GuardedHttp http;
    private final String base;

    private TwilioSender(ChannelType type, GuardedHttp http, URI base) {
        this.type = type;
        this.http = http;
        this.base = base.toString().replaceAll("/+$", "");
    }

    public static TwilioSender sms(GuardedHttp http, URI base) {
        return new TwilioSender(ChannelType.SMS, http, base);
    }

    public static TwilioSender voice(GuardedHttp http, URI base) {
        return new TwilioSender(ChannelType.VOICE, http, base);
    }

    @Override
    public ChannelType type() {
        return type;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        AlertMessage message = notification.message();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", config.get("toNumber"));
        form.put("From", config.get("fromNumber"));
        String resource;
        if (type == ChannelType.SMS) {
            resource = "Messages.json";
            form.put("Body", sms(message));
        } else {
            if (message.severity() != AlertMessage.Severity.CRITICAL && !notification.event().equals("test")) {
                return SendResult.delivered(null);
            }
            resource = "Calls.json";
            form.put("Twiml", twiml(message));
        }
        URI url = URI.create(base + "/2010-04-01/Accounts/" + config.get("accountSid") + "/" + resource);
        return http.postForm(url, form,
                Map.of("Authorization", GuardedHttp.basic(config.get("accountSid"), config.get("authToken"))),
                timeout);
    }

    /** Title, cause and link: within two SMS segments for ordinary names. */
    static String sms(AlertMessage message) {
        String cause = message.facts().get("Cause");
        return OpsgenieSender.cut(message.title() + (cause == null || cause.isBlank() ? "" : "\n" + cause) + "\n"
                + message.link(), 320);
    }

    static String twiml(AlertMessage message) {
        String cause = message.facts().get("Cause");
        String said = HtmlUtils.htmlEscape("Vigil alert. " + message.title() + "."
                + (cause == null || cause.isBlank() ? "" : " " + cause + "."), "UTF-8");
        return "<Response><Say>" + said + "</Say><Pause length=\"1\"/><Say>" + said + "</Say></Response>";
    }
}
