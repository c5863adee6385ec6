package dev.vigil.alerting.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification delivery ({@code vigil.notify.*}).
 *
 * @param enabled          whether this instance dispatches (every instance may; claims never overlap)
 * @param pollInterval     how often the outbox and due deliveries are looked at
 * @param batchSize        outbox rows fanned out, and deliveries claimed, per pass (one transaction each)
 * @param sendConcurrency  deliveries of a batch sent at once at most (their outcomes are recorded a hundred at a
 *                         time); a batch's lease covers {@code batchSize / sendConcurrency} waves of the longest
 *                         timeout
 * @param retryBase        delay before the first retry; each further retry doubles it (with jitter: 50–100 %)
 * @param retryMax         longest delay between two attempts
 * @param giveUpAfter      how long a delivery is retried before it is FAILED (at least 24 h)
 * @param timeout          per-attempt timeout of a channel type without its own entry in {@code timeouts}
 * @param timeouts         per-channel-type timeouts, e.g. {@code EMAIL: 30s}
 * @param unhealthyAfter   consecutive failed attempts after which a channel is marked unhealthy (and the workspace's
 *                         other channels told, once)
 * @param dashboardUrl     base URL of the dashboard, for links in alerts
 * @param mailFrom         sender address of alert emails
 * @param pagerDutyUrl     PagerDuty Events API v2 endpoint
 * @param telegramUrl      Telegram Bot API base URL
 * @param rateLimit        deliveries per workspace within {@code rateWindow}; beyond it alerts are held back and a
 *                         digest follows when the window has passed
 * @param rateWindow       the window of {@code rateLimit}
 * @param flapWindow       an incident's repeated {@code incident.reopened} within this window alerts only once
 */
@ConfigurationProperties("vigil.notify")
record NotifyProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("200") int batchSize,
                               @DefaultValue("32") int sendConcurrency,
                               @DefaultValue("10s") Duration retryBase,
                               @DefaultValue("1h") Duration retryMax,
                               @DefaultValue("25h") Duration giveUpAfter,
                               @DefaultValue("10s") Duration timeout,
                               Map<String, Duration> timeouts,
                               @DefaultValue("10") int unhealthyAfter,
                               @DefaultValue("http://localhost:8080") URI dashboardUrl,
                               @DefaultValue("alerts@vigil.localhost") String mailFrom,
                               @DefaultValue("https://events.pagerduty.com/v2/enqueue") URI pagerDutyUrl,
                               @DefaultValue("https://api.telegram.org") URI telegramUrl,
                               @DefaultValue("30") int rateLimit,
                               @DefaultValue("10m") Duration rateWindow,
                               @DefaultValue("30m") Duration flapWindow) {

    public NotifyProperties {
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
        if (giveUpAfter.isZero() || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("vigil.notify.give-up-after must be positive");
        }
        if (batchSize < 1 || sendConcurrency < 1 || unhealthyAfter < 1 || rateLimit < 1) {
            throw new IllegalArgumentException("vigil.notify.batch-size, send-concurrency, unhealthy-after and "
                    + "rate-limit must be at least 1");
        }
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("vigil.notify.retry-base must be positive and at most retry-max");
        }
    }

    /** The timeout of one attempt on a channel of this type. */
    public Duration timeoutOf(String channelType) {
        return timeouts.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(channelType))
                .map(Map.Entry::getValue).findFirst().orElse(timeout);
    }
}
