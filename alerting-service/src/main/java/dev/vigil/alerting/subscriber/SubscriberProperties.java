package dev.vigil.alerting.subscriber;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messages to status page subscribers ({@code vigil.subscribers.*}); SMTP is {@code spring.mail.*}.
 *
 * @param enabled      whether this instance fans out and sends subscriber messages
 * @param pollInterval how often the outbox is read for subscribers
 * @param delay        an incident's opening and resolution wait this long; one that opens and resolves within it (a
 *                     blip) is told to nobody
 * @param publicUrl    base URL of the api-service as the public reaches it, for status page and unsubscribe links
 * @param mailFrom     the sender of subscriber mails
 * @param batchSize    outbox rows fanned out, and deliveries sent, per pass
 * @param retryBase    the first retry's delay; doubled per attempt up to {@code retryMax}
 * @param retryMax     the longest delay between attempts
 * @param giveUpAfter  a delivery not made within this long is FAILED
 * @param timeout      a webhook request's timeout
 */
@ConfigurationProperties("vigil.subscribers")
record SubscriberProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("1s") Duration pollInterval,
                            @DefaultValue("60s") Duration delay,
                            @DefaultValue("http://localhost:8080") URI publicUrl,
                            @DefaultValue("status@vigil.localhost") String mailFrom,
                            @DefaultValue("200") int batchSize,
                            @DefaultValue("10s") Duration retryBase,
                            @DefaultValue("1h") Duration retryMax,
                            @DefaultValue("25h") Duration giveUpAfter,
                            @DefaultValue("10s") Duration timeout) {

    SubscriberProperties {
        if (delay.isNegative() || batchSize < 1 || retryBase.isNegative() || retryBase.isZero()
                || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("vigil.subscribers: delay must be >= 0, batch-size >= 1, "
                    + "0 < retry-base <= retry-max");
        }
        if (publicUrl.getHost() == null) {
            throw new IllegalArgumentException("vigil.subscribers.public-url must be an absolute URL, was "
                    + publicUrl);
        }
    }

    /** {@code publicUrl} joined with an absolute path. */
    String link(String absolutePath) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + absolutePath;
    }
}
