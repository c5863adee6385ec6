package dev.vigil.alerting.fleet;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.sqs.MessageHandler;
import dev.vigil.common.sqs.ReceivedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Handles one probe heartbeat. A heartbeat that cannot be read is dropped (a newer one follows within seconds); one
 * that cannot be stored fails and comes back, like any message.
 */
@Component
class HeartbeatRecorder implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatRecorder.class);

    private final FleetRegistry registry;
    private final FleetProperties properties;
    private final Clock clock;
    private final Counter recorded;
    private final Counter outdated;
    private final Counter unreadable;

    HeartbeatRecorder(FleetRegistry registry, FleetProperties properties, Clock clock, MeterRegistry meters) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.recorded = counter(meters, "recorded");
        this.outdated = counter(meters, "outdated");
        this.unreadable = counter(meters, "unreadable");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("vigil.fleet.heartbeats").tag("outcome", outcome)
                .description("Probe heartbeats by what became of them").register(meters);
    }

    @Override
    public CompletionStage<Void> handle(ReceivedMessage message) {
        ProbeHeartbeat beat;
        try {
            beat = WireJson.read(message.body(), ProbeHeartbeat.class);
        } catch (JacksonException e) {
            unreadable.increment();
            log.warn("unreadable probe heartbeat dropped id={} error={}", message.messageId(), e.getOriginalMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (beat.instanceId() == null || beat.region() == null || beat.sentAt() == null) {
            unreadable.increment();
            log.warn("incomplete probe heartbeat dropped id={}", message.messageId());
            return CompletableFuture.completedFuture(null);
        }
        boolean fresh = registry.record(beat, clock.instant(), properties.missedHeartbeats());
        (fresh ? recorded : outdated).increment();
        if (beat.stopping() && fresh) {
            log.info("probe instance stopping instance={} region={}", beat.instanceId(), beat.region());
        }
        return CompletableFuture.completedFuture(null);
    }
}
