package dev.vigil.scheduler.schedule;

import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.dispatch.JobDispatcher;
import dev.vigil.scheduler.leader.LeaderLease;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The scheduling loop. Each turn:
 * <ol>
 *   <li>confirm or try for leadership; a standby does nothing else;</li>
 *   <li>on becoming active, load every monitor and plan each one's next round after now (rounds missed while no
 *       instance was active are skipped, never replayed in a burst);</li>
 *   <li>apply monitor changes from LISTEN/NOTIFY, and a full resync periodically or after the listener reconnected;</li>
 *   <li>send the jobs of due rounds, then sleep until the next round is due (at most one tick).</li>
 * </ol>
 */
@Component
public class CheckScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);

    private final MonitorCatalog catalog;
    private final MonitorChangeListener changes;
    private final LeaderLease lease;
    private final JobDispatcher dispatcher;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final Schedule schedule = new Schedule();
    private volatile boolean running;
    private volatile boolean active;
    private Thread thread;

    public CheckScheduler(MonitorCatalog catalog, MonitorChangeListener changes, LeaderLease lease,
                          JobDispatcher dispatcher, SchedulerProperties properties, Clock clock, MeterRegistry meters) {
        this.catalog = catalog;
        this.changes = changes;
        this.lease = lease;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("vigil.scheduler.active", () -> active ? 1 : 0)
                .description("1 on the active scheduler, 0 on a standby").register(meters);
        Gauge.builder("vigil.scheduler.monitors", () -> active ? schedule.size() : 0)
                .description("Monitors in the active schedule").register(meters);
    }

    /** Whether this instance is the active scheduler. */
    public boolean isActive() {
        return active;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("check-scheduler").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lease.release();
        active = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Instant lastLeaseCheck = Instant.MIN;
        Instant lastResync = Instant.MIN;
        while (running) {
            try {
                Instant now = clock.instant();
                if (Duration.between(lastLeaseCheck, now).compareTo(leaseCheckInterval()) >= 0) {
                    lastLeaseCheck = now;
                    boolean leader = lease.refresh();
                    if (leader && !active) {
                        becomeActive(now);
                        lastResync = now;
                    } else if (!leader && active) {
                        log.warn("no longer the active scheduler");
                        active = false;
                    }
                }
                if (!active) {
                    sleep(properties.leaderPollInterval());
                    continue;
                }
                applyChanges(now);
                if (changes.takeResyncRequest()
                        || Duration.between(lastResync, now).compareTo(properties.resyncInterval()) >= 0) {
                    schedule.replaceAll(catalog.loadAll(), now);
                    lastResync = now;
                }
                dispatcher.dispatch(schedule.takeDue(now), clock.instant());
                sleepUntilNextDue();
            } catch (RuntimeException e) {
                log.error("scheduling turn failed; retrying", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private Duration leaseCheckInterval() {
        return active ? Duration.ofSeconds(1) : properties.leaderPollInterval();
    }

    private void becomeActive(Instant now) {
        List<ScheduledMonitor> monitors = catalog.loadAll();
        changes.drainChanged();
        schedule.replaceAll(monitors, now);
        schedule.restartAt(now);
        active = true;
        log.info("active scheduler now monitors={}", monitors.size());
    }

    private void applyChanges(Instant now) {
        for (UUID id : changes.drainChanged()) {
            catalog.load(id).ifPresentOrElse(m -> schedule.put(m, now), () -> schedule.remove(id));
        }
    }

    private void sleepUntilNextDue() {
        Instant next = schedule.nextDue();
        Duration wait = properties.tick();
        if (next != null) {
            Duration untilNext = Duration.between(clock.instant(), next);
            if (untilNext.compareTo(wait) < 0) {
                wait = untilNext.isNegative() ? Duration.ZERO : untilNext;
            }
        }
        sleep(wait);
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
