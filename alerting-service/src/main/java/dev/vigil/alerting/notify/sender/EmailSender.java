package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * EMAIL through SMTP (Spring Mail): a multipart message with a plain-text and an HTML body (monitor, cause, regions,
 * start, downtime on recovery, dashboard link). The delivery id is the Message-ID and an {@code X-Vigil-Delivery}
 * header, so a retried mail is recognisably the same one. Without SMTP configured ({@code spring.mail.host}) every
 * attempt fails with a clear error.
 */
public final class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final String from;

    public EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        if (mail == null) {
            return SendResult.failed(null, "no SMTP server configured (spring.mail.host)");
        }
        AlertMessage message = notification.message();
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(config.get("to").split(","));
            helper.setSubject("[Vigil] " + message.title());
            helper.setText(message.plainText(), html(message));
            // Spring's sender keeps a Message-ID set before saveChanges().
            mime.setHeader("Message-ID", "<" + notification.deliveryId() + "@vigil>");
            mime.setHeader("X-Vigil-Delivery", notification.deliveryId().toString());
            mime.setHeader("X-Vigil-Event", notification.event());
            mail.send(mime);
            return SendResult.delivered(null);
        } catch (MessagingException | MailException e) {
            return SendResult.failed(null, "SMTP: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    static String html(AlertMessage message) {
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>")
                .append(HtmlUtils.htmlEscape(message.title())).append("</h2><table>");
        message.facts().forEach((label, value) -> html.append("<tr><th align=\"left\">")
                .append(HtmlUtils.htmlEscape(label)).append("</th><td>").append(AlertMessage.SCREENSHOT.equals(label)
                        // The failed browser check's page on the dashboard: a link, as in the webhook.
                        ? "<a href=\"" + HtmlUtils.htmlEscape(value) + "\">" + HtmlUtils.htmlEscape(value) + "</a>"
                        : HtmlUtils.htmlEscape(value))
                .append("</td></tr>"));
        return html.append("</table><p><a href=\"").append(HtmlUtils.htmlEscape(message.link()))
                .append("\">Open in Vigil</a></p></body></html>").toString();
    }
}
