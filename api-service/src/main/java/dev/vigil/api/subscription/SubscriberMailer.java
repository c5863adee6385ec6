package dev.vigil.api.subscription;

import dev.vigil.api.web.ApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends subscriber mails in the background (one thread: a page's news never delays an API answer, and a slow SMTP
 * server is not hammered in parallel). Every news mail carries its unsubscribe link, also as a one-click
 * {@code List-Unsubscribe} header (RFC 8058).
 */
@Component
class SubscriberMailer {

    private static final Logger log = LoggerFactory.getLogger(SubscriberMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final SubscriptionProperties properties;
    private final ApiProperties api;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "subscriber-mail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean warnedUnconfigured;

    SubscriberMailer(ObjectProvider<JavaMailSender> sender, SubscriptionProperties properties, ApiProperties api,
                     MeterRegistry meters) {
        this.sender = sender;
        this.properties = properties;
        this.api = api;
        this.meters = meters;
    }

    void sendConfirmation(String email, String slug, String pageTitle, String token) {
        String link = api.link("/status/" + slug + "/subscriptions/confirm?token=" + token);
        send(email, "Confirm your subscription to " + pageTitle + " status", """
                Someone (hopefully you) asked to receive status updates of %s at this address.

                Confirm the subscription by opening this link:
                %s

                If it was not you, ignore this mail: nothing will be sent without confirmation.
                """.formatted(pageTitle, link), null, "confirmation");
    }

    void sendNews(Subscribers.Recipient to, String subject, String text) {
        String unsubscribe = api.link("/status/" + to.slug() + "/unsubscribe?token=" + to.unsubscribeToken());
        send(to.email(), "[" + to.pageTitle() + "] " + subject, text + """

                --
                Status page: %s
                Unsubscribe: %s
                """.formatted(api.link("/status/" + to.slug()), unsubscribe), unsubscribe, "news");
    }

    private void send(String to, String subject, String text, String unsubscribeUrl, String kind) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            if (!warnedUnconfigured) {
                warnedUnconfigured = true;
                log.warn("subscriber mail not sent: no SMTP server configured (spring.mail.host) kind={}", kind);
            }
            meters.counter("vigil.subscriptions.mails", "kind", kind, "outcome", "unconfigured").increment();
            return;
        }
        worker.execute(() -> {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(properties.from());
                helper.setTo(to);
                helper.setSubject(subject.replaceAll("[\\r\\n]+", " "));
                helper.setText(text, false);
                if (unsubscribeUrl != null) {
                    message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
                    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }
                mail.send(message);
                meters.counter("vigil.subscriptions.mails", "kind", kind, "outcome", "sent").increment();
            } catch (Exception e) {
                // The address is not logged: subscribers are members of the public.
                log.warn("subscriber mail failed kind={} error={}", kind, e.toString());
                meters.counter("vigil.subscriptions.mails", "kind", kind, "outcome", "failed").increment();
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
