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
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * One pass of notification work, run by every instance on a timer ({@link DispatchSchedule}): fan out a batch of new
 * outbox rows, write due digests, escalate unacknowledged incidents, then claim a batch of due deliveries (one
 * statement), send them {@code send-concurrency} at a time (each with its channel type's timeout) and record their
 * outcomes a hundred to a transaction.
 */
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    /** Outcomes recorded per transaction. */
    static final int RECORD_EVERY = 100;

    private final OutboxFanout fanout;
    private final DigestWriter digests;
    private final Escalations escalations;
    private final Reminders reminders;
    private final SummaryWriter summaries;
    private final DeliveryQueue queue;
    private final Map<String, ChannelSender> senders;
    private final SecretBox box;
    private final NotifyProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    Dispatcher(OutboxFanout fanout, DigestWriter digests, Escalations escalations, Reminders reminders,
               SummaryWriter summaries, DeliveryQueue queue, List<ChannelSender> senders, SecretBox box,
               NotifyProperties properties, MeterRegistry meters, Clock clock) {
        this.fanout = fanout;
        this.digests = digests;
        this.escalations = escalations;
        this.reminders = reminders;
        this.summaries = summaries;
        this.queue = queue;
        this.senders = senders.stream().collect(Collectors.toMap(s -> s.type().name(), s -> s));
        this.box = box;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** One pass; answers how many deliveries it attempted. */
    public int runOnce() {
        return pass().attempted();
    }

    /** What one pass did: outbox rows fanned out and deliveries attempted. */
    record Pass(int fannedOut, int attempted) {

        /** Whether another pass right away may find more: either kind of work may have a backlog. */
        boolean didWork() {
            return fannedOut > 0 || attempted > 0;
        }
    }

    /** One pass: fan out, digests, escalations and reminders, then a batch of due deliveries sent. */
    Pass pass() {
        int fannedOut = fanout.fanOut(clock.instant());
        digests.write(clock.instant());
        if (escalations.escalate(clock.instant()) + reminders.remind(clock.instant())
                + summaries.write(clock.instant()) > 0) {
            fannedOut += fanout.fanOut(clock.instant());
        }
        List<ClaimedDelivery> claimed = queue.claim(clock.instant());
        if (!claimed.isEmpty()) {
            sendAll(claimed);
        }
        return new Pass(fannedOut, claimed.size());
    }

    /**
     * Sends a claimed batch, at most {@code send-concurrency} at once (each on a virtual thread, bounded by a
     * semaphore), and records the outcomes as they come in, {@link #RECORD_EVERY} to a transaction, so a slow target
     * does not hold back the record of the fast ones for long.
     */
    private void sendAll(List<ClaimedDelivery> claimed) {
        Semaphore slots = new Semaphore(properties.sendConcurrency());
        // A batch often goes to few channels (a mass outage: thousands of alerts to one webhook): each channel's
        // configuration is opened (AES-GCM, JSON) once per batch, and held no longer than the batch.
        Map<String, Optional<Map<String, String>>> configs = new ConcurrentHashMap<>();
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<DeliveryQueue.Outcome> done = new ExecutorCompletionService<>(sending);
            for (ClaimedDelivery delivery : claimed) {
                done.submit(() -> {
                    slots.acquire();
                    try {
                        return new DeliveryQueue.Outcome(delivery, attempt(delivery, configs));
                    } finally {
                        slots.release();
                    }
                });
            }
            List<DeliveryQueue.Outcome> outcomes = new ArrayList<>(RECORD_EVERY);
            for (int received = 0; received < claimed.size(); received++) {
                try {
                    outcomes.add(done.take().get());
                } catch (ExecutionException e) {
                    // attempt() handles its own failures; an exception here is a bug, and the delivery stays
                    // SENDING until its lease runs out, then it is retried.
                    log.warn("delivery attempt failed unexpectedly: {}", e.getCause().toString());
                }
                if (outcomes.size() >= RECORD_EVERY || received == claimed.size() - 1) {
                    record(outcomes);
                    outcomes = new ArrayList<>(RECORD_EVERY);
                }
            }
        } catch (InterruptedException e) {
            // Stopping: what was sent and not recorded stays SENDING and is sent again (same id) after its lease.
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Map<String, String>> open(String sealed, java.util.UUID channelId) {
        try {
            return Optional.of(WireJson.mapper().readValue(box.open(sealed,
                    SealedColumns.alertChannelConfig(channelId)), STRINGS));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Records outcomes; if that fails (a lost database), the deliveries stay SENDING and are sent again, with the
     * same ids, once their lease runs out: the rest of the batch is still recorded.
     */
    private void record(List<DeliveryQueue.Outcome> outcomes) {
        try {
            queue.completeAll(outcomes, clock.instant());
        } catch (RuntimeException e) {
            log.warn("recording {} delivery outcomes failed; they are sent again after their lease: {}",
                    outcomes.size(), e.toString());
        }
    }

    private SendResult attempt(ClaimedDelivery delivery, Map<String, Optional<Map<String, String>>> configs) {
        SendResult result = send(delivery, configs);
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
        return result;
    }

    private SendResult send(ClaimedDelivery delivery, Map<String, Optional<Map<String, String>>> configs) {
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
            // Keyed by channel too: a sealed value opens only in its own row (copied elsewhere, it is refused).
            Optional<Map<String, String>> opened = configs.computeIfAbsent(delivery.channelId() + "|"
                    + delivery.configSealed(), key -> open(delivery.configSealed(), delivery.channelId()));
            if (opened.isEmpty()) {
                return SendResult.failed(null, "the channel configuration does not open with this key for this "
                        + "channel");
            }
            config = opened.get();
        }
        ObjectNode payload = (ObjectNode) WireJson.mapper().readTree(delivery.payload());
        Notification notification = new Notification(delivery.id(), delivery.event(), payload,
                AlertMessage.of(delivery.event(), payload, properties.dashboardUrl()), delivery.channelId());
        try {
            return sender.send(notification, config, properties.timeoutOf(delivery.channelType()));
        } catch (RuntimeException e) {
            return SendResult.failed(null, "sender error: " + e.getClass().getSimpleName());
        }
    }
}
