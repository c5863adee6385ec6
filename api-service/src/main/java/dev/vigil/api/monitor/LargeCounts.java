package dev.vigil.api.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts over a workspace's monitors, remembered for a few seconds once they are large. Counting 100,000 monitors
 * costs PostgreSQL 25-150 ms (an index-only scan that still visits the heap pages whose statuses changed), and the
 * API's lists and the dashboard's overview count on every request: at four readers of one 100,000-monitor workspace
 * the counts alone broke the lists' 200 ms p99 goal (bench/api-scale). A count of fewer than {@link #EXACT_BELOW}
 * monitors in a workspace with no larger count is always computed (cheap, and what every small workspace and every
 * test sees); a larger one may be up to
 * {@link #FRESH_FOR} old, except that a change made through this instance ({@link #forget}) is counted at once. At
 * that size a total off by the last few seconds' changes tells a reader nothing less. Once a workspace has such a
 * count, its small counts are remembered alike: a filter matching 1,300 of 100,000 monitors (a tag, two statuses and
 * a search) still reads 6,000 rows to count them, and was counted anew at every page of it (bench/api-scale).
 *
 * <p>A count older than {@link #REFRESH_AFTER} is still answered, and counted again beside the caller: a workspace
 * read all the time then never makes a reader wait for its count (when every reader waited for its own once the
 * count expired, those requests were the lists' p99).
 */
@Component
public class LargeCounts {

    private static final Logger log = LoggerFactory.getLogger(LargeCounts.class);

    static final long EXACT_BELOW = 10_000;
    static final Duration FRESH_FOR = Duration.ofSeconds(10);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(5);
    private static final int MAX_WORKSPACES = 1_000;
    static final int MAX_PER_WORKSPACE = 500;

    private final Clock clock;
    private final Executor refresher;
    /** By workspace, so forgetting one (each change there, each monitor of an apply) costs one removal. */
    private final Map<UUID, Remembered> workspaces = new ConcurrentHashMap<>();
    private final Set<Refresh> refreshing = ConcurrentHashMap.newKeySet();

    @Autowired
    LargeCounts(Clock clock) {
        this(clock, Executors.newVirtualThreadPerTaskExecutor());
    }

    LargeCounts(Clock clock, Executor refresher) {
        this.clock = clock;
        this.refresher = refresher;
    }

    private record Key(String query, List<Object> params) {
    }

    private record Entry(Object value, long size, Instant at) {
    }

    /** A workspace's counts; {@link #forget} drops the whole object, so a recount begun before it stores nowhere. */
    private static final class Remembered {
        private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
        /** One of its counts reached {@link #EXACT_BELOW}: its other counts are remembered too, however small. */
        private volatile boolean large;

        private void put(Key key, Object value, long size, Instant at) {
            if (entries.size() >= MAX_PER_WORKSPACE && !entries.containsKey(key)) {
                // Each search text is a count of its own: keep the large ones, which are the costly ones to redo.
                entries.values().removeIf(e -> e.size() < EXACT_BELOW);
            }
            entries.put(key, new Entry(value, size, at));
            if (size >= EXACT_BELOW) {
                large = true;
            }
        }

        private boolean remembers(long size) {
            return large || size >= EXACT_BELOW;
        }
    }

    private record Refresh(UUID workspaceId, Key key) {
    }

    /**
     * The value {@code count} computes for the workspace, or the one it computed less than {@link #FRESH_FOR} ago
     * when that one counted at least {@link #EXACT_BELOW} monitors.
     *
     * @param query  what is counted (the statement), with {@code params} naming one count among the workspace's
     * @param count  computes the value; it may also run on another thread, outside the caller's transaction
     * @param size   how many monitors a value counted
     */
    @SuppressWarnings("unchecked")
    public <T> T of(UUID workspaceId, String query, List<Object> params, Supplier<T> count, ToLongFunction<T> size) {
        Key key = new Key(query, params);
        Instant now = clock.instant();
        Remembered remembered = workspaces.get(workspaceId);
        Entry entry = remembered == null ? null : remembered.entries.get(key);
        if (entry != null && entry.at().plus(FRESH_FOR).isAfter(now)) {
            if (!entry.at().plus(REFRESH_AFTER).isAfter(now)) {
                refreshBeside(workspaceId, remembered, key, count, size);
            }
            return (T) entry.value();
        }
        T value = count.get();
        long counted = size.applyAsLong(value);
        if (remembered != null ? remembered.remembers(counted) : counted >= EXACT_BELOW) {
            if (workspaces.size() >= MAX_WORKSPACES && !workspaces.containsKey(workspaceId)) {
                // Only workspaces of tens of thousands of monitors get here: a few, unless something is wrong.
                workspaces.clear();
            }
            workspaces.computeIfAbsent(workspaceId, w -> new Remembered()).put(key, value, counted, now);
        } else if (entry != null) {
            remembered.entries.remove(key);
        }
        return value;
    }

    /** Counts again on another thread, once per count at a time, unless the workspace is forgotten meanwhile. */
    private <T> void refreshBeside(UUID workspaceId, Remembered remembered, Key key, Supplier<T> count,
                                   ToLongFunction<T> size) {
        Refresh refresh = new Refresh(workspaceId, key);
        if (!refreshing.add(refresh)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    Instant at = clock.instant();
                    T value = count.get();
                    long counted = size.applyAsLong(value);
                    if (remembered.remembers(counted)) {
                        remembered.put(key, value, counted, at);
                    } else {
                        remembered.entries.remove(key);
                    }
                } catch (RuntimeException e) {
                    // The remembered count expires as usual and the next reader counts itself.
                    log.debug("count refresh failed workspace={}: {}", workspaceId, e.toString());
                } finally {
                    refreshing.remove(refresh);
                }
            });
        } catch (RuntimeException e) {
            refreshing.remove(refresh);
            log.debug("count refresh not started workspace={}: {}", workspaceId, e.toString());
        }
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
