package dev.vigil.probe.fleet;

import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.probe.ProbeApplication;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.CheckEngine;
import dev.vigil.probe.job.ProbeMetrics;
import dev.vigil.probe.plugin.PluginCatalog;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the fleet registry (alerting service) that this worker is alive, which region it serves and what it can run:
 * a {@link ProbeHeartbeat} every {@code vigil.probe.heartbeat-interval}, and a last one marked {@code stopping} as
 * shutdown begins, so the API stops offering what only this instance had at once rather than after a timeout.
 */
@Component
class HeartbeatSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final MessagePublisher publisher;
    private final QueueNames names;
    private final ProbeProperties properties;
    private final PluginCatalog plugins;
    private final CheckEngine engine;
    private final ProbeMetrics metrics;
    private final Clock clock;
    private final String instanceId;
    private final Instant startedAt;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    private volatile boolean failing;

    HeartbeatSender(MessagePublisher publisher, QueueNames names, ProbeProperties properties, PluginCatalog plugins,
                    CheckEngine engine, ProbeMetrics metrics, Clock clock) {
        this.publisher = publisher;
        this.names = names;
        this.properties = properties;
        this.plugins = plugins;
        this.engine = engine;
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = properties.instanceId() != null ? properties.instanceId() : generatedId();
        this.startedAt = clock.instant();
    }

    private static String generatedId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "probe";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("probe-heartbeat")
                .factory());
        long period = properties.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> send(false), 0, period, TimeUnit.MILLISECONDS);
        log.info("heartbeats started instance={} region={} every={}", instanceId, properties.region(),
                properties.heartbeatInterval());
    }

    /** Stops before the queue consumer drains (higher phase stops first), while SQS is still reachable. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE + 100;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void send(boolean stopping) {
        try {
            ProbeHeartbeat beat = new ProbeHeartbeat(properties.region(), instanceId,
                    ProbeApplication.class.getPackage().getImplementationVersion(), startedAt, clock.instant(),
                    (int) properties.heartbeatInterval().toSeconds(), stopping,
                    engine.types().stream().sorted().toList(), plugins.offered(), metrics.running(),
                    properties.maxInFlight());
            publisher.publish(names.probeHeartbeats(), beat).get(5, TimeUnit.SECONDS);
            if (failing) {
                log.info("heartbeats delivered again instance={}", instanceId);
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The first failure is news; repeats while SQS is unreachable are not.
            if (!failing) {
                log.warn("heartbeat not sent instance={} error={}", instanceId, e.toString());
                failing = true;
            } else {
                log.debug("heartbeat not sent again instance={} error={}", instanceId, e.toString());
            }
        }
    }
}
