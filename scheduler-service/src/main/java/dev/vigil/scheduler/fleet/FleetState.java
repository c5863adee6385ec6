package dev.vigil.scheduler.fleet;

import dev.vigil.common.region.RegionProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database says about the fleet: live probe instances per region (heartbeats, {@code probe_instances}),
 * as {@code vigil.fleet.probes.live{region}}, and the notification backlog ({@code notification_outbox} rows not yet
 * processed) as {@code vigil.notifications.pending} and {@code vigil.notifications.oldest.pending} (seconds): a
 * notification that cannot be sent stays pending, so a growing backlog is how failing notifications show.
 */
class FleetState {

    private final JdbcClient jdbc;
    private final Map<String, AtomicLong> liveProbes = new ConcurrentHashMap<>();
    private final Map<String, Double> utilization = new ConcurrentHashMap<>();
    private final AtomicLong pendingNotifications = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    public FleetState(JdbcClient jdbc, RegionProperties regions, MeterRegistry meters) {
        this.jdbc = jdbc;
        for (String region : regions.ids()) {
            AtomicLong live = new AtomicLong(-1);
            liveProbes.put(region, live);
            Gauge.builder("vigil.fleet.probes.live", live, AtomicLong::get)
                    .description("Probe instances whose heartbeats are current (-1 before the first read)")
                    .tag("region", region).register(meters);
        }
        Gauge.builder("vigil.notifications.pending", pendingNotifications, AtomicLong::get)
                .description("Notifications not yet sent").register(meters);
        Gauge.builder("vigil.notifications.oldest.pending", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest notification not yet sent").baseUnit("seconds").register(meters);
    }

    public void refresh() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        Map<String, Double> busy = new ConcurrentHashMap<>();
        jdbc.sql("""
                SELECT region, count(*) AS live, sum(in_flight) AS in_flight, sum(max_in_flight) AS slots
                FROM probe_instances WHERE expires_at > now() AND NOT stopping GROUP BY region""")
                .query((rs, n) -> {
                    String region = rs.getString("region");
                    counts.put(region, rs.getLong("live"));
                    long slots = rs.getLong("slots");
                    busy.put(region, slots == 0 ? 0.0 : (double) rs.getLong("in_flight") / slots);
                    return region;
                }).list();
        liveProbes.forEach((region, live) -> live.set(counts.getOrDefault(region, 0L)));
        liveProbes.keySet().forEach(region -> utilization.put(region, busy.getOrDefault(region, 0.0)));
        jdbc.sql("""
                SELECT count(*) AS pending,
                       coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest
                FROM notification_outbox WHERE processed_at IS NULL""")
                .query((rs, n) -> {
                    pendingNotifications.set(rs.getLong("pending"));
                    oldestPendingSeconds.set(rs.getLong("oldest"));
                    return null;
                }).list();
    }

    /** Share of a region's check slots in use at the last read (0 without live probes). */
    public double utilization(String region) {
        return utilization.getOrDefault(region, 0.0);
    }

    /** Live probes of a region at the last read; -1 before the first. */
    public long liveProbes(String region) {
        AtomicLong live = liveProbes.get(region);
        return live == null ? -1 : live.get();
    }
}
