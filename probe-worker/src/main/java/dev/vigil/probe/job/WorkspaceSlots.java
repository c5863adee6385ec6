package dev.vigil.probe.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the check slots one workspace may hold on this worker at once ({@code vigil.probe.max-in-flight-per-workspace}),
 * so a tenant whose checks all hang (targets that never answer, plugins that never exit) waits for its own slots
 * instead of taking every slot of the worker from everyone else. A job takes its workspace's permit before a worker
 * slot and gives it back after; waiting for it holds no worker slot.
 *
 * <p>Entries live only while some job of the workspace holds or waits for a permit, so the map stays as small as the
 * set of workspaces with checks in flight.
 */
final class WorkspaceSlots {

    private final int perWorkspace;
    private final Map<UUID, Entry> entries = new HashMap<>();

    WorkspaceSlots(int perWorkspace) {
        this.perWorkspace = perWorkspace;
    }

    private static final class Entry {
        final Semaphore permits;
        int users;

        Entry(int permits) {
            this.permits = new Semaphore(permits, true);
        }
    }

    /** Waits for one of the workspace's permits. */
    void acquire(UUID workspaceId) throws InterruptedException {
        tryAcquire(workspaceId, Duration.ofDays(365));
    }

    /** Waits at most {@code maxWait} for one of the workspace's permits; false when none came. */
    boolean tryAcquire(UUID workspaceId, Duration maxWait) throws InterruptedException {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key(workspaceId), id -> new Entry(perWorkspace));
            entry.users++;
        }
        boolean acquired = false;
        try {
            acquired = entry.permits.tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
            return acquired;
        } finally {
            if (!acquired) {
                leave(workspaceId, entry);
            }
        }
    }

    /** Gives back a permit taken by {@link #acquire}. */
    void release(UUID workspaceId) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key(workspaceId));
        }
        entry.permits.release();
        leave(workspaceId, entry);
    }

    /** Workspaces holding or waiting for permits now. */
    int workspaces() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void leave(UUID workspaceId, Entry entry) {
        synchronized (entries) {
            if (--entry.users == 0) {
                entries.remove(key(workspaceId));
            }
        }
    }

    /** Jobs from before workspaces were on the wire share one entry. */
    private static UUID key(UUID workspaceId) {
        return workspaceId == null ? new UUID(0, 0) : workspaceId;
    }
}
