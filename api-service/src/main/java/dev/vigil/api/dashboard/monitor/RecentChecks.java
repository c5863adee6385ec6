package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.live.MonitorEventObserver;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest checks of the monitors on a page, for their beat bars and sparklines: one query for the whole page (a
 * lateral join, each monitor's newest results read from {@code check_results (monitor_id, time DESC)}), bounded to a
 * week so a partitioned table is probed only in its recent partitions.
 *
 * <p>For the pages of a large workspace the beats are remembered per monitor until the monitor's next event: the
 * query reads one heap page per check (ingest interleaves the monitors), 2,500 for a page of 50 monitors, and was the
 * largest statement of the 100,000-monitor list page (bench/README.md), while the same first page is read again at
 * every live refresh. The dashboard's event listener ({@link MonitorEventObserver}) hears every stored result, status
 * change and deletion, and forgets the monitor's beats at once; nothing is remembered while it cannot hear them, a
 * read that an event overtook stores nothing, and a remembered bar is trusted {@link #REMEMBER_FOR} at most (results
 * that leave by retention send no event).
 */
@Component
class RecentChecks implements MonitorEventObserver {

    static final int BEATS = 50;
    private static final Duration HORIZON = Duration.ofDays(7);
    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    /** The workspace size from which pages remember beats (a small workspace's page reads them each time). */
    static final long REMEMBER_FROM = 10_000;
    /** About 3 KB each: a few users' pages of a few large workspaces, not every monitor. */
    static final int MAX_REMEMBERED = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Remembered> remembered = new ConcurrentHashMap<>();
    /** The monitors being read, each with its reader's token: an event removes it, and that reader stores nothing. */
    private final Map<UUID, Object> reading = new ConcurrentHashMap<>();
    /** Guards "not overtaken, so store" against an event arriving between the check and the store. */
    private final Object lock = new Object();
    private volatile boolean hearing;
    /** Counts the listener's gaps: a read begun before one stores nothing after it. */
    private volatile long gaps;

    private record Remembered(List<Beat> beats, Instant at) {
    }

    RecentChecks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Each monitor's last {@value #BEATS} scheduled checks, oldest first; when {@code remember} (a large workspace's
     * page), from memory for the monitors whose beats are remembered and still current.
     */
    Map<UUID, List<Beat>> of(List<UUID> monitorIds, boolean remember) {
        if (!remember || !hearing) {
            return read(monitorIds);
        }
        Instant now = clock.instant();
        Map<UUID, List<Beat>> beats = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : monitorIds) {
            Remembered known = remembered.get(id);
            if (known != null && known.at().plus(REMEMBER_FOR).isAfter(now)) {
                beats.put(id, known.beats());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return beats;
        }
        long gapsBefore = gaps;
        Object token = new Object();
        missing.forEach(id -> reading.put(id, token));
        try {
            Map<UUID, List<Beat>> read = read(missing);
            for (UUID id : missing) {
                List<Beat> found = List.copyOf(read.getOrDefault(id, List.of()));
                beats.put(id, found);
                synchronized (lock) {
                    if (reading.remove(id, token) && hearing && gaps == gapsBefore) {
                        remember(id, new Remembered(found, now));
                    }
                }
            }
        } finally {
            missing.forEach(id -> reading.remove(id, token));
        }
        return beats;
    }

    private void remember(UUID id, Remembered beats) {
        if (remembered.size() >= MAX_REMEMBERED) {
            Instant now = clock.instant();
            remembered.values().removeIf(r -> !r.at().plus(REMEMBER_FOR).isAfter(now));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(id, beats);
    }

    @Override
    public void changed(UUID monitorId, String kind) {
        synchronized (lock) {
            remembered.remove(monitorId);
            reading.remove(monitorId);
        }
    }

    @Override
    public void listening() {
        hearing = true;
    }

    @Override
    public void deaf() {
        synchronized (lock) {
            hearing = false;
            gaps++;
            remembered.clear();
        }
    }

    private Map<UUID, List<Beat>> read(List<UUID> monitorIds) {
        Map<UUID, List<Beat>> beats = new HashMap<>();
        if (monitorIds.isEmpty()) {
            return beats;
        }
        jdbc.sql("""
                        SELECT m.id, r.time, r.region, r.latency_ms, r.ok, r.degraded, r.error
                        FROM unnest(?::uuid[]) AS m(id)
                        CROSS JOIN LATERAL (SELECT time, region, latency_ms, ok, degraded, error FROM check_results r
                                            WHERE r.monitor_id = m.id AND r.time > ? AND r.kind = 'SCHEDULED'
                                            ORDER BY r.time DESC LIMIT ?) r
                        ORDER BY m.id, r.time DESC""")
                .params(monitorIds.stream().map(UUID::toString).toArray(String[]::new),
                        Timestamp.from(clock.instant().minus(HORIZON)), BEATS)
                .query(rs -> {
                    // Region names are a handful: one String each rather than one per beat held in memory.
                    beats.computeIfAbsent(rs.getObject("id", UUID.class), k -> new ArrayList<>())
                            .add(Beat.of(rs.getTimestamp("time").toInstant(), region(rs.getString("region")),
                                    rs.getInt("latency_ms"), rs.getBoolean("ok"), rs.getBoolean("degraded"),
                                    rs.getString("error")));
                });
        beats.values().forEach(Collections::reverse);
        return beats;
    }

    private static String region(String name) {
        return name == null ? null : name.intern();
    }
}
