package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.LargeCounts;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import dev.vigil.common.region.RegionProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The overview at the top of the monitor list: the workspace's monitors by status, its open and unacknowledged
 * incidents, the average uptime of its monitors over 24 hours and 30 days (each monitor's by the one definition of
 * {@code UptimeHistory}, then the mean of those that have one), and the probes and regions alive. A fixed number of
 * queries whatever the workspace's size.
 */
@Component
class MonitorSummary {

    private static final Logger log = LoggerFactory.getLogger(MonitorSummary.class);

    static final Duration MEANS_FOR = Duration.ofSeconds(60);
    /**
     * How long the means of a workspace of {@link #WAIT_FOR_MEANS_BELOW} or more monitors are kept: computing them
     * there takes a core for a second or more and makes objects that outlive young collections, once a minute while
     * the list is open, which the list's own readers waited out (bench/README.md); a mean over 100,000 monitors does
     * not move in five minutes.
     */
    static final Duration LARGE_MEANS_FOR = Duration.ofMinutes(5);
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    /** From this size on, a page does not wait for means it has none of: it loads them after itself. */
    static final int WAIT_FOR_MEANS_BELOW = 10_000;
    private static final int MAX_CACHED = 10_000;
    /** Monitors whose histories are read together when computing means. */
    static final int MEANS_CHUNK = 5_000;
    private static final String BY_STATUS = """
            SELECT CASE WHEN paused THEN 'PAUSED' ELSE status END AS shown, count(*) AS monitors
            FROM monitors WHERE workspace_id = ? GROUP BY 1""";

    private final JdbcClient jdbc;
    private final UptimeCalculator uptime;
    private final RegionProperties regions;
    private final Clock clock;
    private final LargeCounts counts;
    private final Map<UUID, Means> means = new ConcurrentHashMap<>();
    private final Set<UUID> computing = ConcurrentHashMap.newKeySet();
    private final Map<UUID, CompletableFuture<Means>> waitedFor = new ConcurrentHashMap<>();
    private final Executor background = Executors.newVirtualThreadPerTaskExecutor();

    MonitorSummary(JdbcClient jdbc, UptimeCalculator uptime, RegionProperties regions, Clock clock,
                   LargeCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.uptime = uptime;
        this.regions = regions;
        this.clock = clock;
    }

    /**
     * @param byStatus     monitors by status as the API shows it (UP, DEGRADED, DOWN, PAUSED, PENDING: no data yet)
     * @param uptime24h    mean uptime percent over 24 hours of the monitors measured in it, null when none was
     * @param regionsAlive regions of this deployment with at least one live probe
     * @param meansPending the uptime means are being computed for a large workspace: the page fetches them after
     *                     itself ({@code /app/monitors/overview/uptime}) instead of waiting a second or more for them
     */
    record Summary(int monitors, Map<String, Integer> byStatus, int openIncidents, int unacknowledged,
                   Double uptime24h, Double uptime30d, int probesAlive, int regionsAlive, int regions,
                   boolean meansPending) {

        public int count(String status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    /** The overview as the list page shows it: a large workspace's page does not wait for means it has none of. */
    @Transactional(readOnly = true)
    Summary of(Caller caller) {
        return of(caller, false);
    }

    /**
     * The overview with its uptime means, waited for if need be: what a large workspace's page fetches after itself
     * when it had none to show ({@link Summary#meansPending()}).
     */
    @Transactional(readOnly = true)
    Summary withMeans(Caller caller) {
        return of(caller, true);
    }

    private Summary of(Caller caller, boolean waitForMeans) {
        UUID workspace = caller.workspaceId();
        Instant now = clock.instant();
        // Counted in the database (an index-only scan of (workspace_id, paused, status)): a page load should not carry
        // every monitor of a 100,000-monitor workspace to the server.
        // Remembered for a few seconds in a workspace of tens of thousands (LargeCounts): 150 ms there.
        Map<String, Integer> byStatus = counts.of(workspace, BY_STATUS, List.of(), () -> byStatus(workspace),
                counted -> total(counted));
        int monitors = total(byStatus);
        int[] incidents = jdbc.sql("""
                        SELECT count(*) AS open, count(*) FILTER (WHERE acknowledged_at IS NULL) AS unacknowledged
                        FROM incidents WHERE workspace_id = ? AND status = 'OPEN'""")
                .param(workspace)
                .query((rs, row) -> new int[] {rs.getInt("open"), rs.getInt("unacknowledged")}).single();
        int[] probes = jdbc.sql("""
                        SELECT count(*) AS probes, count(DISTINCT region) AS regions FROM probe_instances
                        WHERE expires_at > :now AND NOT stopping AND region IN (:regions)""")
                .param("now", Timestamp.from(now))
                .param("regions", regions.ids())
                .query((rs, row) -> new int[] {rs.getInt("probes"), rs.getInt("regions")}).single();
        Means means = waitForMeans || monitors < WAIT_FOR_MEANS_BELOW ? means(workspace, monitors, now)
                : meansIfAny(workspace, monitors, now);
        return new Summary(monitors, byStatus, incidents[0], incidents[1],
                means == null ? null : means.uptime24h(), means == null ? null : means.uptime30d(), probes[0],
                probes[1], regions.ids().size(), means == null);
    }

    private Map<String, Integer> byStatus(UUID workspace) {
        Map<String, Integer> byStatus = new HashMap<>();
        jdbc.sql(BY_STATUS).param(workspace).query(rs -> {
            byStatus.merge(rs.getString("shown"), rs.getInt("monitors"), Integer::sum);
        });
        return Map.copyOf(byStatus);
    }

    private static int total(Map<String, Integer> byStatus) {
        return byStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The workspace's mean uptimes, computed at most once a {@link #MEANS_FOR} per workspace ({@link #LARGE_MEANS_FOR}
     * for a large one): they read every monitor's transitions over 30 days (a second or more at 100,000 monitors) and
     * move slowly, while the page is opened often. Once computed, older means (or means from before a monitor was added or removed) are still shown
     * while they are computed again beside the request, so no page load waits a second for them; only means older
     * than {@link #STALE_AFTER} are computed first.
     */
    private Means means(UUID workspace, int monitors, Instant now) {
        Means cached = means.get(workspace);
        Duration fresh = monitors >= WAIT_FOR_MEANS_BELOW ? LARGE_MEANS_FOR : MEANS_FOR;
        if (cached != null && cached.at().plus(fresh).isAfter(now) && cached.monitors() == monitors) {
            return cached;
        }
        if (cached != null && cached.at().plus(STALE_AFTER).isAfter(now)) {
            if (computing.add(workspace)) {
                try {
                    background.execute(() -> {
                        try {
                            remember(workspace, compute(workspace, monitors, clock.instant()));
                        } catch (RuntimeException e) {
                            log.debug("uptime means not computed workspace={}: {}", workspace, e.toString());
                        } finally {
                            computing.remove(workspace);
                        }
                    });
                } catch (RuntimeException e) {
                    computing.remove(workspace);
                }
            }
            return cached;
        }
        return computeOnce(workspace, monitors, now);
    }

    /**
     * Remembered means as {@link #means} answers them, or null when there are none (or too old ones) to show, having
     * started their computation beside the request: the first opening of a 100,000-monitor workspace's list waited
     * a second or more for them, and those first requests were the page's p99 (bench/README.md).
     */
    private Means meansIfAny(UUID workspace, int monitors, Instant now) {
        Means cached = means.get(workspace);
        if (cached != null && cached.at().plus(STALE_AFTER).isAfter(now)) {
            return means(workspace, monitors, now);
        }
        if (!waitedFor.containsKey(workspace)) {
            try {
                background.execute(() -> {
                    try {
                        computeOnce(workspace, monitors, clock.instant());
                    } catch (RuntimeException e) {
                        log.debug("uptime means not computed workspace={}: {}", workspace, e.toString());
                    }
                });
            } catch (RuntimeException e) {
                log.debug("uptime means not started workspace={}: {}", workspace, e.toString());
            }
        }
        return null;
    }

    /**
     * Means the reader must wait for (none yet, or too old), computed once for all readers of the workspace that ask
     * meanwhile: the first opening of a large workspace's list is often several requests at once (a person's tabs, the
     * page and its first poll), and each computing them took a core for a second.
     */
    private Means computeOnce(UUID workspace, int monitors, Instant now) {
        CompletableFuture<Means> mine = new CompletableFuture<>();
        CompletableFuture<Means> running = waitedFor.putIfAbsent(workspace, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Means fresh = remember(workspace, compute(workspace, monitors, now));
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            waitedFor.remove(workspace, mine);
        }
    }

    /**
     * The means over every monitor of the workspace, a {@link #MEANS_CHUNK} of monitors at a time: their histories
     * (30 days of transitions each) read and reduced to two sums per chunk. Read all at once, 100,000 monitors'
     * histories lived through several young collections and were copied by each (100-190 ms pauses in the list
     * page's readers, bench/README.md); a chunk's die young. The workspace's monitors are kept as three arrays of
     * numbers while the chunks are computed, not as a map of 100,000 entries: that map lived through the whole
     * computation too, and a young collection copies every one of its objects but an array of numbers in one move.
     */
    private Means compute(UUID workspace, int monitors, Instant now) {
        MonitorCreations all = new MonitorCreations();
        jdbc.sql("SELECT id, created_at FROM monitors WHERE workspace_id = ?")
                .param(workspace)
                .query(rs -> {
                    all.add(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant());
                });
        Mean day = new Mean();
        Mean month = new Mean();
        all.forEachChunk(MEANS_CHUNK, chunk -> addChunk(chunk, now, day, month));
        return new Means(now, monitors, day.value(), month.value());
    }

    /** Monitors' ids and creation instants as numbers, grown as they are read. */
    static final class MonitorCreations {

        private long[] mostSignificant = new long[1024];
        private long[] leastSignificant = new long[1024];
        /** PostgreSQL keeps microseconds, so these lose nothing of what was read. */
        private long[] createdMicros = new long[1024];
        private int size;

        void add(UUID id, Instant created) {
            if (size == createdMicros.length) {
                mostSignificant = Arrays.copyOf(mostSignificant, size * 2);
                leastSignificant = Arrays.copyOf(leastSignificant, size * 2);
                createdMicros = Arrays.copyOf(createdMicros, size * 2);
            }
            mostSignificant[size] = id.getMostSignificantBits();
            leastSignificant[size] = id.getLeastSignificantBits();
            createdMicros[size] = ChronoUnit.MICROS.between(Instant.EPOCH, created);
            size++;
        }

        /** Every monitor read, as maps of at most {@code perChunk} monitors each. */
        void forEachChunk(int perChunk, Consumer<Map<UUID, Instant>> action) {
            for (int from = 0; from < size; from += perChunk) {
                int to = Math.min(size, from + perChunk);
                Map<UUID, Instant> chunk = HashMap.newHashMap(to - from);
                for (int i = from; i < to; i++) {
                    chunk.put(new UUID(mostSignificant[i], leastSignificant[i]),
                            Instant.EPOCH.plus(createdMicros[i], ChronoUnit.MICROS));
                }
                action.accept(chunk);
            }
        }
    }

    private void addChunk(Map<UUID, Instant> chunk, Instant now, Mean day, Mean month) {
        Map<UptimeWindow, Map<UUID, Double>> percents = uptime.percents(chunk,
                List.of(UptimeWindow.H24, UptimeWindow.D30), now);
        day.addAll(percents.get(UptimeWindow.H24).values());
        month.addAll(percents.get(UptimeWindow.D30).values());
    }

    /** A running mean of the percents that exist (a monitor without any measured time has none). */
    private static final class Mean {

        private double sum;
        private long count;

        void addAll(Iterable<Double> percents) {
            for (Double percent : percents) {
                if (percent != null) {
                    sum += percent;
                    count++;
                }
            }
        }

        Double value() {
            return count == 0 ? null : sum / count;
        }
    }

    private Means remember(UUID workspace, Means fresh) {
        if (means.size() >= MAX_CACHED) {
            means.values().removeIf(m -> !m.at().plus(STALE_AFTER).isAfter(fresh.at()));
            if (means.size() >= MAX_CACHED) {
                means.clear();
            }
        }
        means.put(workspace, fresh);
        return fresh;
    }

    private record Means(Instant at, int monitors, Double uptime24h, Double uptime30d) {
    }
}
