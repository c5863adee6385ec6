package dev.vigil.api.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Status page subscriptions ({@code vigil.subscriptions.*}). The api only queues subscriber mail in the outbox; the
 * alerting service sends it, with its own sender address ({@code vigil.subscribers.mail-from}).
 *
 * @param resendAfter   an unconfirmed address gets another confirmation mail only after this long, so the form
 *                      cannot be used to flood someone's inbox
 */
@ConfigurationProperties("vigil.subscriptions")
record SubscriptionProperties(@DefaultValue("10m") Duration resendAfter) {
}
