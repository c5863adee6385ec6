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
    private static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    LargeCounts(Clock clock) {
        this.clock = clock;
    }

    private record Key(UUID workspaceId, String query, List<Object> params) {
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
        Key key = new Key(workspaceId, query, params);
        Instant now = clock.instant();
        Entry remembered = entries.get(key);
        if (remembered != null && remembered.at().plus(FRESH_FOR).isAfter(now)) {
            return (T) remembered.value();
        }
        T value = count.get();
        if (size.applyAsLong(value) >= EXACT_BELOW) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.values().removeIf(e -> !e.at().plus(FRESH_FOR).isAfter(now));
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry(value, now));
        } else if (remembered != null) {
            entries.remove(key);
        }
        return value;
    }

    /**
     * Forgets the workspace's counts: its monitors were added, removed, paused or resumed here. Again after the
     * transaction commits, since a reader counting in between still saw the rows before the change.
     */
    public void forget(UUID workspaceId) {
        drop(workspaceId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drop(workspaceId);
                }
            });
        }
    }

    private void drop(UUID workspaceId) {
        entries.keySet().removeIf(k -> k.workspaceId().equals(workspaceId));
    }
}
