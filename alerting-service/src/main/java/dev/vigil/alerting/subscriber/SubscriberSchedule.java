package dev.vigil.alerting.subscriber;

import dev.vigil.alerting.notify.sender.SendResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One pass of subscriber work every {@code vigil.subscribers.poll-interval} on every instance (claims never
 * overlap): queue due maintenance notices, fan out outbox rows, then send a batch of due deliveries one at a time
 * (subscriber traffic is light, and a slow SMTP server is not hammered in parallel).
 */
@Component
@ConditionalOnProperty(name = "vigil.subscribers.enabled", havingValue = "true", matchIfMissing = true)
class SubscriberSchedule {

    private static final Logger log = LoggerFactory.getLogger(SubscriberSchedule.class);

    private final MaintenanceNotices notices;
    private final SubscriberFanout fanout;
    private final SubscriberDeliveryQueue queue;
    private final SubscriberMessages messages;
    private final SubscriberSender sender;
    private final MeterRegistry meters;
    private final Clock clock;
    private int consecutiveFailures;

    SubscriberSchedule(MaintenanceNotices notices, SubscriberFanout fanout, SubscriberDeliveryQueue queue,
                       SubscriberMessages messages, SubscriberSender sender, MeterRegistry meters, Clock clock) {
        this.notices = notices;
        this.fanout = fanout;
        this.queue = queue;
        this.messages = messages;
        this.sender = sender;
        this.meters = meters;
        this.clock = clock;
    }

    private SendResult attempt(SubscriberDelivery delivery) {
        try {
            return sender.send(delivery, messages.of(delivery));
        } catch (RuntimeException e) {
            // A payload that cannot be worded is a bug: recorded as a failed attempt, retried with backoff.
            return SendResult.failed(null, "message error: " + e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelayString = "${vigil.subscribers.poll-interval:1s}")
    void run() {
        try {
            notices.announce(clock.instant());
            while (fanout.fanOut(clock.instant()) > 0) {
                // drain the outbox first, so a batch of deliveries sees every event fanned out so far
            }
            List<SubscriberDelivery> claimed = queue.claim(clock.instant());
            for (SubscriberDelivery delivery : claimed) {
                SendResult result = attempt(delivery);
                queue.complete(delivery, result, clock.instant());
                meters.counter("vigil.subscribers.deliveries", "kind", delivery.kind(),
                        "outcome", result.delivered() ? "delivered" : "failed").increment();
                if (!result.delivered()) {
                    log.info("subscriber delivery failed delivery={} kind={} attempt={} error={}", delivery.id(),
                            delivery.kind(), delivery.attempt(), result.error());
                }
            }
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            if (consecutiveFailures <= 3) {
                log.warn("subscriber dispatch failed (will retry) failures={} error={}", consecutiveFailures,
                        e.toString());
            } else {
                log.debug("subscriber dispatch failed (will retry) failures={} error={}", consecutiveFailures,
                        e.toString());
            }
        }
    }
}
