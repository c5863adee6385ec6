package dev.vigil.scheduler.schedule;

import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

/**
 * The in-memory schedule: every schedulable monitor with its next round, in a min-heap by due instant. Not
 * thread-safe: the scheduling loop owns it, and changes reach it through that loop.
 *
 * <p>Updates do not search the heap: a changed monitor gets a new heap entry with a higher version, and entries whose
 * version is no longer current are dropped when they come to the top.
 */
public final class Schedule {

    /** How late a round may still be sent when the loop stalled (GC, a slow SQS): later ones are skipped. */
    public static final Duration DEFAULT_MAX_LATENESS = Duration.ofSeconds(10);

    private final Map<UUID, Slot> slots = new HashMap<>();
    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    private final long maxLatenessMs;
    private long versions;
    private long skipped;

    public Schedule() {
        this(DEFAULT_MAX_LATENESS);
    }

    public Schedule(Duration maxLateness) {
        this.maxLatenessMs = maxLateness.toMillis();
    }

    /** Adds or replaces a monitor; its next round is the first after {@code now}. */
    public void put(ScheduledMonitor monitor, Instant now) {
        Slot previous = slots.get(monitor.id());
        Instant next = RoundClock.roundAfter(monitor.id(), monitor.intervalSeconds(), now);
        if (previous != null && previous.monitor.intervalSeconds() == monitor.intervalSeconds()) {
            // Same interval: keep the round already planned so an edit neither skips nor repeats one.
            next = previous.next;
        }
        Slot slot = new Slot(monitor, next, ++versions);
        slots.put(monitor.id(), slot);
        heap.add(new Entry(next, monitor.id(), slot.version));
    }

    public void remove(UUID monitorId) {
        slots.remove(monitorId);
    }

    /** Replaces the whole set: monitors not in {@code monitors} are removed, the others put. */
    public void replaceAll(Collection<ScheduledMonitor> monitors, Instant now) {
        Map<UUID, ScheduledMonitor> incoming = new HashMap<>();
        monitors.forEach(m -> incoming.put(m.id(), m));
        slots.keySet().removeIf(id -> !incoming.containsKey(id));
        for (ScheduledMonitor monitor : incoming.values()) {
            Slot current = slots.get(monitor.id());
            if (current == null || !current.monitor.equals(monitor)) {
                put(monitor, now);
            }
        }
        if (heap.size() > 2 * slots.size() + 1024) {
            compact();
        }
    }

    /**
     * Brings the schedule in line with a resync that read only what changed: monitors not in {@code schedulable} are
     * removed, each of {@code reread} is put if it differs from the one held, and the monitors in {@code changed}
     * that the re-read did not find (deleted or paused meanwhile) are removed.
     */
    public void reconcile(Set<UUID> schedulable, Collection<UUID> changed, Collection<ScheduledMonitor> reread,
                          Instant now) {
        slots.keySet().removeIf(id -> !schedulable.contains(id));
        Map<UUID, ScheduledMonitor> found = new HashMap<>();
        reread.forEach(m -> found.put(m.id(), m));
        for (UUID id : changed) {
            ScheduledMonitor monitor = found.get(id);
            Slot current = slots.get(id);
            if (monitor == null) {
                slots.remove(id);
            } else if (current == null || !current.monitor.equals(monitor)) {
                put(monitor, now);
            }
        }
        if (heap.size() > 2 * slots.size() + 1024) {
            compact();
        }
    }

    /** Forgets all planned rounds and plans each monitor's next round after {@code now} (on becoming active). */
    public void restartAt(Instant now) {
        List<ScheduledMonitor> monitors = slots.values().stream().map(s -> s.monitor).toList();
        slots.clear();
        heap.clear();
        monitors.forEach(m -> put(m, now));
    }

    /**
     * Removes and returns the rounds due at or before {@code now}, planning each monitor's following round. After a
     * stall (GC, a slow SQS, a standby taking over) a monitor gets at most its latest round, and only when that round
     * is at most {@code maxLateness} old: rounds missed in a long stall are skipped (and counted), so the load
     * resumes flat at the current rounds instead of a catch-up burst of every monitor at once.
     */
    public List<DueRound> takeDue(Instant now) {
        List<DueRound> due = new ArrayList<>();
        long nowMs = now.toEpochMilli();
        while (!heap.isEmpty() && !heap.peek().due.isAfter(now)) {
            Entry entry = heap.poll();
            Slot slot = slots.get(entry.monitorId);
            if (slot == null || slot.version != entry.version) {
                continue;
            }
            ScheduledMonitor monitor = slot.monitor;
            Instant round = entry.due;
            Instant latest = RoundClock.roundAtOrBefore(monitor.id(), monitor.intervalSeconds(), now);
            if (latest.isAfter(round)) {
                skipped += (latest.toEpochMilli() - round.toEpochMilli()) / (monitor.intervalSeconds() * 1000L);
                round = latest;
            }
            if (nowMs - round.toEpochMilli() <= maxLatenessMs) {
                due.add(new DueRound(monitor, round));
            } else {
                skipped++;
            }
            slot.next = RoundClock.roundAfter(monitor.id(), monitor.intervalSeconds(), round);
            heap.add(new Entry(slot.next, monitor.id(), slot.version));
        }
        return due;
    }

    /** Rounds skipped so far because they were too late to send. */
    public long skippedRounds() {
        return skipped;
    }

    /** When the next round is due, or null when nothing is scheduled. */
    public Instant nextDue() {
        while (!heap.isEmpty()) {
            Entry top = heap.peek();
            Slot slot = slots.get(top.monitorId);
            if (slot != null && slot.version == top.version) {
                return top.due;
            }
            heap.poll();
        }
        return null;
    }

    public int size() {
        return slots.size();
    }

    public boolean contains(UUID monitorId) {
        return slots.containsKey(monitorId);
    }

    private void compact() {
        heap.clear();
        slots.forEach((id, slot) -> heap.add(new Entry(slot.next, id, slot.version)));
    }

    private static final class Slot {
        final ScheduledMonitor monitor;
        final long version;
        Instant next;

        Slot(ScheduledMonitor monitor, Instant next, long version) {
            this.monitor = monitor;
            this.next = next;
            this.version = version;
        }
    }

    private record Entry(Instant due, UUID monitorId, long version) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            return due.compareTo(other.due);
        }
    }
}
