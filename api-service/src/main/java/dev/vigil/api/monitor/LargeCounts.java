package dev.vigil.api.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts over a workspace's monitors, remembered for a few seconds once they are large. Counting 100,000 monitors
 * costs PostgreSQL 25-150 ms (an index-only scan that still visits the heap pages whose statuses changed), and the
 * API's lists and the dashboard's overview count on every request: at four readers of one 100,000-monitor workspace
 * the counts alone broke the lists' 200 ms p99 goal (bench/api-scale). A count of fewer than {@link #EXACT_BELOW}
 * monitors is always computed (cheap, and what every small workspace and every test sees); a larger one may be up to
 * {@link #FRESH_FOR} old, except that a change made through this instance ({@link #forget}) is counted at once. At
 * that size a total off by the last few seconds' changes tells a reader nothing less.
 */
@Component
public class LargeCounts {

    static final long EXACT_BELOW = 10_000;
    static final Duration FRESH_FOR = Duration.ofSeconds(10);
    private static final int MAX_WORKSPACES = 1_000;

    private final Clock clock;
    /** By workspace, so forgetting one (each change there, each monitor of an apply) costs one removal. */
    private final Map<UUID, Map<Key, Entry>> workspaces = new ConcurrentHashMap<>();

    LargeCounts(Clock clock) {
        this.clock = clock;
    }

    private record Key(String query, List<Object> params) {
    }

    private record Entry(Object value, Instant at) {
    }

    /**
     * The value {@code count} computes for the workspace, or the one it computed less than {@link #FRESH_FOR} ago
     * when that one counted at least {@link #EXACT_BELOW} monitors.
     *
     * @param query  what is counted (the statement), with {@code params} naming one count among the workspace's
     * @param size   how many monitors a value counted
     */
    @SuppressWarnings("unchecked")
    public <T> T of(UUID workspaceId, String query, List<Object> params, Supplier<T> count, ToLongFunction<T> size) {
        Key key = new Key(query, params);
        Instant now = clock.instant();
        Map<Key, Entry> remembered = workspaces.get(workspaceId);
        Entry entry = remembered == null ? null : remembered.get(key);
        if (entry != null && entry.at().plus(FRESH_FOR).isAfter(now)) {
            return (T) entry.value();
        }
        T value = count.get();
        if (size.applyAsLong(value) >= EXACT_BELOW) {
            if (workspaces.size() >= MAX_WORKSPACES && !workspaces.containsKey(workspaceId)) {
                // Only workspaces of tens of thousands of monitors get here: a few, unless something is wrong.
                workspaces.clear();
            }
            workspaces.computeIfAbsent(workspaceId, w -> new ConcurrentHashMap<>()).put(key, new Entry(value, now));
        } else if (entry != null) {
            remembered.remove(key);
        }
        return value;
    }

    /**
     * Forgets the workspace's counts: its monitors were added, removed, paused or resumed here, or their tags or
     * groups changed. Again after the transaction commits (once per transaction), since a reader counting in between
     * still saw the rows before the change.
     */
    public void forget(UUID workspaceId) {
        workspaces.remove(workspaceId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Object marker = new AfterCommitMarker(this, workspaceId);
            if (!TransactionSynchronizationManager.hasResource(marker)) {
                TransactionSynchronizationManager.bindResource(marker, Boolean.TRUE);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(marker);
                        if (status == STATUS_COMMITTED) {
                            workspaces.remove(workspaceId);
                        }
                    }
                });
            }
        }
    }

    /** Marks a transaction that already forgets the workspace's counts when it commits. */
    private record AfterCommitMarker(LargeCounts counts, UUID workspaceId) {
    }
}
