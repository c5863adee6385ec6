package dev.vigil.common.fleet;

import dev.vigil.common.check.MonitorType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which monitor types the live probes of each region offer (their heartbeats' {@code monitorTypes}, kept in
 * {@code probe_instances}). Most types every probe runs; the {@link #OPTIONAL} ones need something a probe may lack
 * (BROWSER: a working Chromium and chromedriver), and a region none of whose live probes offers such a type is left
 * out of that type's monitors: no jobs are sent there, no confirmation is waited for from it. A region with no live
 * probe at all is not left out: that is a region being deployed or down, whose jobs wait in its queue or go stale as
 * for every type, and which the fleet gauges report.
 */
public final class RegionCapabilities {

    /** The types a probe offers only when it found what they need at start-up. */
    public static final Set<MonitorType> OPTIONAL = EnumSet.of(MonitorType.BROWSER);

    /**
     * Each region with a live probe and the types its live probes offer between them (columns {@code region} and
     * {@code types}, a {@code text[]}).
     */
    public static final String QUERY = """
            SELECT i.region, coalesce(array_agg(DISTINCT t.type) FILTER (WHERE t.type IS NOT NULL), '{}') AS types
            FROM probe_instances i LEFT JOIN LATERAL unnest(i.monitor_types) AS t(type) ON true
            WHERE i.expires_at > now() AND NOT i.stopping
            GROUP BY i.region""";

    /** Nothing known (no live probe anywhere, or not read yet): every region keeps every type. */
    public static final RegionCapabilities UNKNOWN = new RegionCapabilities(Map.of());

    private final Map<String, Set<String>> offered;

    private RegionCapabilities(Map<String, Set<String>> offered) {
        this.offered = Map.copyOf(offered);
    }

    /** From the rows of {@link #QUERY}: region → the type names its live probes offer. */
    public static RegionCapabilities of(Map<String, Set<String>> offeredByRegion) {
        return new RegionCapabilities(offeredByRegion.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
    }

    /** One row of {@link #QUERY}, for {@link #ofRows}. */
    public static Map.Entry<String, Set<String>> row(ResultSet rs) throws SQLException {
        Array types = rs.getArray("types");
        return Map.entry(rs.getString("region"), Set.of((String[]) types.getArray()));
    }

    /** From the rows of {@link #QUERY}, each read by {@link #row}. */
    public static RegionCapabilities ofRows(List<Map.Entry<String, Set<String>>> rows) {
        Map<String, Set<String>> offered = new HashMap<>();
        rows.forEach(row -> offered.put(row.getKey(), row.getValue()));
        return new RegionCapabilities(offered);
    }

    /** The types the live probes of {@code region} offer between them; null when it has no live probe. */
    public Set<String> offered(String region) {
        return offered.get(region);
    }

    /** The regions, of {@code regions}, that a monitor of {@code type} is run in, in the same order. */
    public List<String> routable(MonitorType type, List<String> regions) {
        if (!OPTIONAL.contains(type)) {
            return regions;
        }
        List<String> lacking = lacking(type, regions);
        if (lacking.isEmpty()) {
            return regions;
        }
        List<String> routable = new ArrayList<>(regions);
        routable.removeAll(lacking);
        return List.copyOf(routable);
    }

    /** The regions, of {@code regions}, whose live probes all lack {@code type}: empty for the types all run. */
    public List<String> lacking(MonitorType type, List<String> regions) {
        if (!OPTIONAL.contains(type)) {
            return List.of();
        }
        List<String> lacking = new ArrayList<>();
        for (String region : regions) {
            Set<String> types = offered.get(region);
            if (types != null && !types.contains(type.name())) {
                lacking.add(region);
            }
        }
        return List.copyOf(lacking);
    }

    /**
     * The latest capabilities, read again when older than {@code maxAge} (heartbeats come every few seconds, so a
     * read per scheduling turn or per evaluation would only repeat itself). The read runs beside the caller, never in
     * its way once there is a first answer (read in the caller): the scheduler asks on every turn, and a database that
     * hangs (an outage: each connection attempt waits for its timeout) must not hold up the rounds it keeps sending
     * through the outage. A failed read keeps the previous answer (or {@link #UNKNOWN}: every region keeps every type):
     * a database hiccup must not stop browser checks everywhere.
     */
    public static final class Cache {

        private static final Logger log = LoggerFactory.getLogger(Cache.class);

        private final Supplier<RegionCapabilities> loader;
        private final Clock clock;
        private final Duration maxAge;
        private final Executor reader;
        private volatile RegionCapabilities current = UNKNOWN;
        private Instant readAt;
        private boolean reading;
        private volatile boolean failing;

        /** A cache whose reads run on a virtual thread of their own. */
        public Cache(Supplier<RegionCapabilities> loader, Clock clock, Duration maxAge) {
            this(loader, clock, maxAge, task -> Thread.ofVirtual().name("region-capabilities").start(task));
        }

        /** A cache whose reads run on {@code reader} ({@code Runnable::run}: in the caller, as tests want). */
        public Cache(Supplier<RegionCapabilities> loader, Clock clock, Duration maxAge, Executor reader) {
            this.loader = loader;
            this.clock = clock;
            this.maxAge = maxAge;
            this.reader = reader;
        }

        public RegionCapabilities current() {
            boolean start;
            boolean first;
            synchronized (this) {
                Instant now = clock.instant();
                first = readAt == null;
                start = !reading && (first || !now.isBefore(readAt.plus(maxAge)));
                if (start) {
                    reading = true;
                    readAt = now;
                }
            }
            if (start && first) {
                // The first answer is read in the caller: a service starts with a database it could reach.
                read();
            } else if (start) {
                try {
                    reader.execute(this::read);
                } catch (RuntimeException e) {
                    done();
                }
            }
            return current;
        }

        private void read() {
            try {
                current = loader.get();
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("probe capabilities not read, keeping the last ones error={}", e.toString());
                    failing = true;
                }
            } finally {
                done();
            }
        }

        private synchronized void done() {
            reading = false;
        }
    }
}
