package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.sender.AlertMessage;
import dev.vigil.alerting.notify.sender.ChannelSender;
import dev.vigil.alerting.notify.sender.Notification;
import dev.vigil.alerting.notify.sender.SendResult;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * One pass of notification work, run by every instance on a timer ({@link DispatchSchedule}): fan out new outbox
 * rows, write due digests, escalate unacknowledged incidents, then send every due delivery (in parallel, each with
 * its channel type's timeout) and record the outcomes.
 */
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final OutboxFanout fanout;
    private final DigestWriter digests;
    private final Escalations escalations;
    private final DeliveryQueue queue;
    private final Map<String, ChannelSender> senders;
    private final SecretBox box;
    private final NotifyProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    Dispatcher(OutboxFanout fanout, DigestWriter digests, Escalations escalations, DeliveryQueue queue,
               List<ChannelSender> senders, SecretBox box, NotifyProperties properties, MeterRegistry meters,
               Clock clock) {
        this.fanout = fanout;
        this.digests = digests;
        this.escalations = escalations;
        this.queue = queue;
        this.senders = senders.stream().collect(Collectors.toMap(s -> s.type().name(), s -> s));
        this.box = box;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** One pass; answers how many deliveries it attempted. */
    public int runOnce() {
        fanout.fanOut(clock.instant());
        digests.write(clock.instant());
        if (escalations.escalate(clock.instant()) > 0) {
            fanout.fanOut(clock.instant());
        }
        List<ClaimedDelivery> claimed = queue.claim(clock.instant());
        if (claimed.isEmpty()) {
            return 0;
        }
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (ClaimedDelivery delivery : claimed) {
                running.add(sending.submit(() -> attempt(delivery)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (Exception e) {
                    // attempt() handles its own failures; an exception here is a bug or a lost database, and the
                    // delivery stays SENDING until its lease runs out, then it is retried.
                    log.warn("delivery attempt failed unexpectedly: {}", e.toString());
                }
            }
        }
        return claimed.size();
    }

    private void attempt(ClaimedDelivery delivery) {
        SendResult result = send(delivery);
        meters.counter("vigil.notify.attempts", "type", delivery.channelType(),
                "outcome", result.delivered() ? "delivered" : "failed").increment();
        if (result.delivered()) {
            log.debug("delivered delivery={} event={} type={} attempt={}", delivery.id(), delivery.event(),
                    delivery.channelType(), delivery.attempt());
        } else if (delivery.attempt() <= 3) {
            log.info("delivery failed delivery={} type={} attempt={} error={}", delivery.id(),
                    delivery.channelType(), delivery.attempt(), result.error());
        } else {
            log.debug("delivery failed delivery={} type={} attempt={} error={}", delivery.id(),
                    delivery.channelType(), delivery.attempt(), result.error());
        }
        queue.complete(delivery, result, clock.instant());
    }

    private SendResult send(ClaimedDelivery delivery) {
        ChannelSender sender = senders.get(delivery.channelType());
        if (sender == null) {
            return SendResult.failed(null, "no sender for channel type " + delivery.channelType());
        }
        Map<String, String> config;
        if (delivery.recipient() != null) {
            config = Map.of("to", delivery.recipient());
        } else if (delivery.configSealed() == null) {
            return SendResult.failed(null, "the channel has no configuration");
        } else {
            try {
                config = WireJson.mapper().readValue(box.open(delivery.configSealed(),
                        SealedColumns.alertChannelConfig(delivery.channelId())), STRINGS);
            } catch (IllegalArgumentException e) {
                // Also a configuration copied from another channel's row: it is bound to that row, and refused here.
                return SendResult.failed(null, "the channel configuration does not open with this key for this "
                        + "channel");
            }
        }
        ObjectNode payload = (ObjectNode) WireJson.mapper().readTree(delivery.payload());
        Notification notification = new Notification(delivery.id(), delivery.event(), payload,
                AlertMessage.of(delivery.event(), payload, properties.dashboardUrl()));
        try {
            return sender.send(notification, config, properties.timeoutOf(delivery.channelType()));
        } catch (RuntimeException e) {
            return SendResult.failed(null, "sender error: " + e.getClass().getSimpleName());
        }
    }
}
