package dev.vigil.api.verification;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Mails about an account: address verification, invitations, password resets. Each is sent only after the transaction
 * that stored its token commits (a link that arrives must work, and a rolled-back one must never arrive), on one
 * background thread so a slow SMTP server never delays an answer. Addresses and links are never logged: a link is a
 * credential.
 */
@Component
public class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ObjectProvider<JavaMailSender> sender;
    private final AccountProperties properties;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "account-mail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean warnedUnconfigured;

    AccountMailer(ObjectProvider<JavaMailSender> sender, AccountProperties properties, MeterRegistry meters) {
        this.sender = sender;
        this.properties = properties;
        this.meters = meters;
    }

    public void sendVerification(String to, String link) {
        send(to, "Confirm your email address for Vigil", """
                Someone (hopefully you) created a Vigil account with this address.

                Confirm that it is yours by opening this link (it works once, for %s):
                %s

                Until then the account joins no workspace and receives no alerts. If it was not you, ignore this mail.
                """.formatted(properties.verificationTtl(), link), "verification");
    }

    public void sendInvitation(String to, String workspaceName, String inviterEmail, String role, String link,
                               Instant expiresAt) {
        send(to, "You are invited to " + workspaceName + " on Vigil", """
                %s invited you to the workspace "%s" on Vigil, as %s.

                To accept, open this link and sign in with (or create) the account of this address:
                %s

                The invitation expires %s. If you do not want to join, ignore this mail.
                """.formatted(inviterEmail, workspaceName, role, link, WHEN.format(expiresAt)), "invitation");
    }

    public void sendPasswordReset(String to, String link) {
        send(to, "Reset your Vigil password", """
                Someone (hopefully you) asked to reset the password of the Vigil account of this address.

                Choose a new password by opening this link (it works once, for %s):
                %s

                Resetting signs the account out everywhere. If it was not you, ignore this mail: nothing changes.
                """.formatted(properties.resetTtl(), link), "reset");
    }

    private void send(String to, String subject, String text, String kind) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            if (!warnedUnconfigured) {
                warnedUnconfigured = true;
                log.warn("account mail not sent: no SMTP server configured (spring.mail.host) kind={}", kind);
            }
            meters.counter("vigil.accounts.mails", "kind", kind, "outcome", "unconfigured").increment();
            return;
        }
        Runnable delivery = () -> worker.execute(() -> deliver(mail, to, subject, text, kind));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.run();
                }
            });
        } else {
            delivery.run();
        }
    }

    private void deliver(JavaMailSender mail, String to, String subject, String text, String kind) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(to);
            helper.setSubject(subject.replaceAll("[\\r\\n]+", " "));
            helper.setText(text, false);
            mail.send(message);
            meters.counter("vigil.accounts.mails", "kind", kind, "outcome", "sent").increment();
        } catch (Exception e) {
            log.warn("account mail failed kind={} error={}", kind, e.toString());
            meters.counter("vigil.accounts.mails", "kind", kind, "outcome", "failed").increment();
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
