package dev.vigil.api.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Status page subscriptions ({@code vigil.subscriptions.*}); the SMTP server itself is {@code spring.mail.*}, and
 * without {@code spring.mail.host} no mail is sent (subscribing still works, and the log says why nothing arrives).
 *
 * @param from          the sender of subscriber mails
 * @param resendAfter   an unconfirmed address gets another confirmation mail only after this long, so the form
 *                      cannot be used to flood someone's inbox
 */
@ConfigurationProperties("vigil.subscriptions")
record SubscriptionProperties(@DefaultValue("status@vigil.local") String from,
                                     @DefaultValue("10m") Duration resendAfter) {
}
