package dev.vigil.probe.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The CONFIRM jobs this worker has completed lately. When several regions fail in the same round, each asks every
 * other one to confirm, so a region receives the same confirmation (same deterministic job id) more than once; the
 * first result answers them all, and the repeats are dropped instead of checked again. Only completed jobs are
 * remembered: a redelivery after a failed publish still runs. Bounded, so memory stays flat.
 */
final class RecentConfirmations {

    private static final int CAPACITY = 10_000;

    private final Map<UUID, Boolean> completed = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized boolean isCompleted(UUID jobId) {
        return completed.containsKey(jobId);
    }

    synchronized void completed(UUID jobId) {
        completed.put(jobId, Boolean.TRUE);
    }
}
