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
public class FleetState {

    private final JdbcClient jdbc;
    private final Map<String, AtomicLong> liveProbes = new ConcurrentHashMap<>();
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
        jdbc.sql("""
                SELECT region, count(*) AS live FROM probe_instances
                WHERE expires_at > now() AND NOT stopping GROUP BY region""")
                .query((rs, n) -> counts.put(rs.getString("region"), rs.getLong("live"))).list();
        liveProbes.forEach((region, live) -> live.set(counts.getOrDefault(region, 0L)));
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

    /** Live probes of a region at the last read; -1 before the first. */
    public long liveProbes(String region) {
        AtomicLong live = liveProbes.get(region);
        return live == null ? -1 : live.get();
    }
}
