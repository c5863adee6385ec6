package dev.vigil.probe.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Caps the check slots one workspace may hold on this worker at once ({@code vigil.probe.max-in-flight-per-workspace}),
 * so a tenant whose checks all hang (targets that never answer, plugins that never exit) waits for its own slots
 * instead of taking every slot of the worker from everyone else. A job takes its workspace's permit before a worker
 * slot and gives it back after; waiting for it holds no worker slot.
 *
 * <p>Entries live only while some job of the workspace holds or waits for a permit, so the map stays as small as the
 * set of workspaces with checks in flight.
 *
 * <p>Waiting is a queue of turns, first come first served, where a turn that gives up leaves in constant time. A
 * backlog means thousands of jobs of one workspace waiting here, most of them until they go stale; with a fair
 * {@code Semaphore} each one that timed out walked the whole wait queue to unlink itself
 * ({@code AbstractQueuedSynchronizer.cleanQueue}), quadratic in the backlog: on a saturated machine the probe spent
 * more CPU there than on checks, and fell further behind (JFR, bench/README.md "Runs of 2026-12-07").
 */
final class WorkspaceSlots {

    private final int perWorkspace;
    private final Map<UUID, Entry> entries = new HashMap<>();

    WorkspaceSlots(int perWorkspace) {
        this.perWorkspace = perWorkspace;
    }

    /** A workspace's permits in use and the turns waiting for one, oldest first. Guarded by {@code entries}. */
    private static final class Entry {
        int held;
        final Set<CompletableFuture<Void>> waiting = new LinkedHashSet<>();

        boolean idle() {
            return held == 0 && waiting.isEmpty();
        }
    }

    /** Waits for one of the workspace's permits. */
    void acquire(UUID workspaceId) throws InterruptedException {
        tryAcquire(workspaceId, Duration.ofDays(365));
    }

    /** Waits at most {@code maxWait} for one of the workspace's permits; false when none came. */
    boolean tryAcquire(UUID workspaceId, Duration maxWait) throws InterruptedException {
        CompletableFuture<Void> turn;
        synchronized (entries) {
            Entry entry = entries.computeIfAbsent(key(workspaceId), id -> new Entry());
            if (entry.held < perWorkspace && entry.waiting.isEmpty()) {
                entry.held++;
                return true;
            }
            if (maxWait.isNegative() || maxWait.isZero()) {
                return false;
            }
            turn = new CompletableFuture<>();
            entry.waiting.add(turn);
        }
        try {
            turn.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !giveUp(workspaceId, turn);
        } catch (InterruptedException e) {
            if (!giveUp(workspaceId, turn)) {
                release(workspaceId);
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a turn is only ever completed normally", e);
        }
    }

    /**
     * Leaves the queue; false when it is too late because {@link #release} already handed this turn a permit, which the
     * caller then holds.
     */
    private boolean giveUp(UUID workspaceId, CompletableFuture<Void> turn) {
        if (!turn.cancel(false)) {
            return false;
        }
        synchronized (entries) {
            // release may have dropped the cancelled turn already, and with it an entry left idle.
            Entry entry = entries.get(key(workspaceId));
            if (entry == null) {
                return true;
            }
            entry.waiting.remove(turn);
            if (entry.idle()) {
                entries.remove(key(workspaceId));
            }
        }
        return true;
    }

    /** Gives back a permit taken by {@link #acquire}: to the oldest turn still waiting, if any. */
    void release(UUID workspaceId) {
        synchronized (entries) {
            Entry entry = entries.get(key(workspaceId));
            Iterator<CompletableFuture<Void>> waiting = entry.waiting.iterator();
            while (waiting.hasNext()) {
                CompletableFuture<Void> turn = waiting.next();
                waiting.remove();
                if (turn.complete(null)) {
                    return;
                }
            }
            entry.held--;
            if (entry.idle()) {
                entries.remove(key(workspaceId));
            }
        }
    }

    /** Workspaces holding or waiting for permits now. */
    int workspaces() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Turns of the workspace waiting now. */
    int waiting(UUID workspaceId) {
        synchronized (entries) {
            Entry entry = entries.get(key(workspaceId));
            return entry == null ? 0 : entry.waiting.size();
        }
    }

    /** Jobs from before workspaces were on the wire share one entry. */
    private static UUID key(UUID workspaceId) {
        return workspaceId == null ? new UUID(0, 0) : workspaceId;
    }
}
