package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import dev.vigil.common.region.RegionProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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

    private final JdbcClient jdbc;
    private final UptimeCalculator uptime;
    private final RegionProperties regions;
    private final Clock clock;

    MonitorSummary(JdbcClient jdbc, UptimeCalculator uptime, RegionProperties regions, Clock clock) {
        this.jdbc = jdbc;
        this.uptime = uptime;
        this.regions = regions;
        this.clock = clock;
    }

    /**
     * @param byStatus     monitors by status as the API shows it (UP, DEGRADED, DOWN, PAUSED, PENDING: no data yet)
     * @param uptime24h    mean uptime percent over 24 hours of the monitors measured in it, null when none was
     * @param regionsAlive regions of this deployment with at least one live probe
     */
    record Summary(int monitors, Map<String, Integer> byStatus, int openIncidents, int unacknowledged,
                   Double uptime24h, Double uptime30d, int probesAlive, int regionsAlive, int regions) {

        public int count(String status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    @Transactional(readOnly = true)
    Summary of(Caller caller) {
        UUID workspace = caller.workspaceId();
        Instant now = clock.instant();
        Map<String, Integer> byStatus = new HashMap<>();
        Map<UUID, Instant> created = new HashMap<>();
        jdbc.sql("SELECT id, created_at, CASE WHEN paused THEN 'PAUSED' ELSE status END AS shown FROM monitors "
                        + "WHERE workspace_id = ?")
                .param(workspace)
                .query(rs -> {
                    byStatus.merge(rs.getString("shown"), 1, Integer::sum);
                    created.put(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant());
                });
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
        return new Summary(created.size(), byStatus, incidents[0], incidents[1],
                mean(uptime.percents(created, UptimeWindow.H24, now)),
                mean(uptime.percents(created, UptimeWindow.D30, now)),
                probes[0], probes[1], regions.ids().size());
    }

    private static Double mean(Map<UUID, Double> percents) {
        List<Double> measured = percents.values().stream().filter(Objects::nonNull).toList();
        return measured.isEmpty() ? null : measured.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
