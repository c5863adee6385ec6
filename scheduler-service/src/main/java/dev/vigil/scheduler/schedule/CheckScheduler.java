package dev.vigil.scheduler.schedule;

import dev.vigil.common.lifecycle.BackgroundThread;
import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.dispatch.JobDispatcher;
import dev.vigil.scheduler.leader.LeadershipState;
import dev.vigil.scheduler.leader.RoundWatermark;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar;
import dev.vigil.scheduler.maintenance.MaintenanceWindowReader;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scheduling loop. Each turn:
 * <ol>
 *   <li>a standby (see {@link LeadershipState}) does nothing else;</li>
 *   <li>on becoming active, load every monitor and maintenance window and plan each monitor's next round after the
 *       last instant the previous leader claimed ({@link RoundWatermark}), so a takeover neither loses nor repeats a
 *       round; a monitor's rounds missed for longer than its interval collapse into its latest (see
 *       {@link Schedule#takeDue});</li>
 *   <li>apply monitor and maintenance changes from LISTEN/NOTIFY, and a full resync periodically or after the listener
 *       reconnected;</li>
 *   <li>claim the turn's instant in the watermark (recorded before anything is sent; refused once leadership or
 *       its outage grace is over), send the jobs of due rounds, except rounds inside a maintenance window of their
 *       monitor, then sleep until the next round is due (at most one tick).</li>
 * </ol>
 * While PostgreSQL is unreachable the loop keeps sending from the schedule it holds (see {@code LeaderLease}); the
 * change listener and the resync catch up when it returns.
 */
@Component
public class CheckScheduler extends BackgroundThread {

    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);
    private static final Duration STANDBY_SLEEP = Duration.ofMillis(200);

    private final MonitorCatalog catalog;
    private final MaintenanceWindowReader windows;
    private final MonitorChangeListener changes;
    private final LeadershipState leadership;
    private final RoundWatermark watermark;
    private final JobDispatcher dispatcher;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final Schedule schedule;
    private final Counter suppressed;
    private final Counter skipped;
    private MaintenanceCalendar maintenance = MaintenanceCalendar.NONE;
    /** A full resync being read in the background, and the monitors changed meanwhile (re-read after it lands). */
    private CompletableFuture<Resync> resync;
    private final Set<UUID> changedDuringResync = new HashSet<>();
    /**
     * Each monitor's fingerprint as of the last full read or resync, never changed after (the resync thread compares
     * against it while notifications arrive); the monitors a notification changed since are in {@link #forgotten},
     * and the next resync reads them again whatever their fingerprint. Copying 200,000 fingerprints once a minute
     * instead made garbage that outlived young collections (bench/README.md).
     */
    private Map<UUID, Long> fingerprints = Map.of();
    private final Set<UUID> forgotten = new HashSet<>();
    private long reportedSkips;
    private long activeTerm;
    private Instant turnStart = Instant.EPOCH;
    private volatile boolean active;

    public CheckScheduler(MonitorCatalog catalog, MaintenanceWindowReader windows, MonitorChangeListener changes,
                          LeadershipState leadership, RoundWatermark watermark, JobDispatcher dispatcher,
                          SchedulerProperties properties, Clock clock, MeterRegistry meters) {
        super(Thread.ofPlatform().name("check-scheduler"), Duration.ofSeconds(10));
        this.catalog = catalog;
        this.windows = windows;
        this.changes = changes;
        this.leadership = leadership;
        this.watermark = watermark;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
        this.schedule = new Schedule(properties.maxLateness());
        Gauge.builder("vigil.scheduler.active", () -> active ? 1 : 0)
                .description("1 on the active scheduler, 0 on a standby").register(meters);
        Gauge.builder("vigil.scheduler.monitors", () -> active ? schedule.size() : 0)
                .description("Monitors in the active schedule").register(meters);
        this.suppressed = Counter.builder("vigil.scheduler.rounds.suppressed")
                .description("Rounds not sent because a maintenance window covers the monitor").register(meters);
        this.skipped = Counter.builder("vigil.scheduler.rounds.skipped")
                .description("Rounds skipped because the loop was too late for them (stall, slow SQS)")
                .register(meters);
    }

    /** Whether this instance is the active scheduler and has planned its rounds. */
    public boolean isActive() {
        return active;
    }

    @Override
    protected void afterStop() {
        // Let the last batches land before the election (a later phase) gives the lock to a standby.
        dispatcher.awaitIdle(properties.sendTimeout());
        active = false;
    }

    @Override
    protected void run() {
        Instant lastResync = Instant.MIN;
        while (isRunning()) {
            try {
                turnStart = clock.instant();
                if (!leadership.isLeader()) {
                    if (active) {
                        log.warn("standing by: stopped scheduling");
                        active = false;
                    }
                    sleep(STANDBY_SLEEP);
                    continue;
                }
                Instant now = clock.instant();
                if (!active || leadership.term() != activeTerm) {
                    becomeActive(now);
                    lastResync = now;
                }
                applyChanges(now);
                if (resync == null && (changes.takeResyncRequest()
                        || Duration.between(lastResync, now).compareTo(properties.resyncInterval()) >= 0)) {
                    startResync(now);
                    lastResync = now;
                }
                if (resync != null && resync.isDone()) {
                    finishResync();
                }
                sendDue();
                sleepUntilNextDue();
            } catch (RuntimeException e) {
                log.error("scheduling turn failed; retrying", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Claims the turn's instant, then sends the rounds due by then (none when the claim is refused). */
    private void sendDue() {
        Instant through = clock.instant();
        Instant next = schedule.nextDue();
        if (next == null || next.isAfter(through) || !watermark.claim(through)) {
            return;
        }
        List<DueRound> due = schedule.takeDue(through);
        int before = due.size();
        due.removeIf(round -> maintenance.covers(round.monitor().id(), round.scheduledAt()));
        suppressed.increment(before - due.size());
        countSkips();
        dispatcher.dispatch(due, leadership::isLeader, () -> watermark.settled(through));
    }

    /**
     * Reads every monitor's fingerprint and window on another thread, and whole only the monitors whose fingerprint is
     * new or changed since the last read (a lost notification's change): with 100,000 monitors the read takes
     * seconds, and the loop must keep sending meanwhile.
     */
    private void startResync(Instant now) {
        changedDuringResync.clear();
        Map<UUID, Long> known = fingerprints;
        Set<UUID> stale = Set.copyOf(forgotten);
        resync = CompletableFuture.supplyAsync(() -> {
            // Every monitor's fingerprint, then only the monitors whose fingerprint is new or differs read whole.
            Map<UUID, Long> current = catalog.fingerprints();
            List<UUID> changed = current.entrySet().stream()
                    .filter(e -> stale.contains(e.getKey()) || !e.getValue().equals(known.get(e.getKey())))
                    .map(Map.Entry::getKey).toList();
            return new Resync(current, changed, catalog.load(changed), windows.load(now));
        }, Thread.ofVirtual().name("scheduler-resync")::start);
    }

    private void finishResync() {
        try {
            Resync result = resync.join();
            Instant now = clock.instant();
            schedule.reconcile(result.fingerprints().keySet(), result.changed(), result.reread(), now);
            fingerprints = result.fingerprints();
            forgotten.clear();
            maintenance = result.maintenance();
            // The snapshot may predate a change that arrived while it was read: read those monitors again.
            for (UUID id : changedDuringResync) {
                catalog.load(id).ifPresentOrElse(m -> schedule.put(m, now), () -> schedule.remove(id));
                forgotten.add(id);
            }
        } catch (CompletionException e) {
            log.warn("resync failed; retrying at the next interval: {}", e.getCause().toString());
        } finally {
            resync = null;
            changedDuringResync.clear();
        }
    }

    /** What a resync read: every schedulable monitor's fingerprint, and the monitors whose fingerprint changed. */
    private record Resync(Map<UUID, Long> fingerprints, List<UUID> changed, List<ScheduledMonitor> reread,
                          MaintenanceCalendar maintenance) {
    }

    private void becomeActive(Instant now) {
        activeTerm = leadership.term();
        if (resync != null) {
            resync.cancel(false);
            resync = null;
        }
        // Everything is read below: an earlier request for a resync (the listener connected) is answered by it.
        changes.takeResyncRequest();
        changes.drainChanged();
        // Fingerprints first: a change between the two reads makes the next resync read that monitor again.
        Map<UUID, Long> current = catalog.fingerprints();
        List<ScheduledMonitor> monitors = catalog.loadAll();
        fingerprints = current;
        forgotten.clear();
        changes.takeMaintenanceChange();
        maintenance = windows.load(now);
        Instant planned = clock.instant();
        schedule.replaceAll(monitors, planned);
        // Continue after the last instant claimed, by this instance before or by the previous leader: rounds up to it
        // went out (or may have), rounds after it did not. Older than max-lateness, nothing could be sent anyway.
        Instant earliest = planned.minus(properties.maxLateness());
        Instant resume = watermark.resumePoint().filter(w -> w.isAfter(earliest) && w.isBefore(planned))
                .orElse(planned);
        schedule.restartAt(resume);
        active = true;
        log.info("active scheduler now monitors={} maintenanceCoverings={} term={} resumingAfter={} ({} ms ago)",
                monitors.size(), maintenance.size(), activeTerm, resume,
                Duration.between(resume, planned).toMillis());
    }

    private void applyChanges(Instant now) {
        for (UUID id : changes.drainChanged()) {
            catalog.load(id).ifPresentOrElse(m -> schedule.put(m, now), () -> schedule.remove(id));
            forgotten.add(id);
            if (resync != null) {
                changedDuringResync.add(id);
            }
        }
        if (changes.takeMaintenanceChange()) {
            maintenance = windows.load(now);
        }
    }

    private void countSkips() {
        long total = schedule.skippedRounds();
        if (total > reportedSkips) {
            skipped.increment(total - reportedSkips);
            reportedSkips = total;
        }
    }

    /**
     * Sleeps until the next round is due, but at most one tick, and at least until one batch window after this turn
     * began: waking for every single round of 100,000 one-minute monitors (one every 0.6 ms) would send batches of one
     * job, ten times the SQS calls, where a 50 ms window fills most batches at the cost of at most 50 ms of lag.
     */
    private void sleepUntilNextDue() {
        Instant now = clock.instant();
        Instant wakeAt = now.plus(properties.tick());
        Instant next = schedule.nextDue();
        if (next != null && next.isBefore(wakeAt)) {
            wakeAt = next;
        }
        Instant earliest = turnStart.plus(properties.batchWindow());
        if (wakeAt.isBefore(earliest)) {
            wakeAt = earliest;
        }
        Duration wait = Duration.between(now, wakeAt);
        sleep(wait.isNegative() ? Duration.ZERO : wait);
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
