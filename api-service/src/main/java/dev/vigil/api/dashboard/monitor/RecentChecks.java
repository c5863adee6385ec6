package dev.vigil.api.dashboard.monitor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest checks of the monitors on a page, for their beat bars and sparklines: one query for the whole page (a
 * lateral join, each monitor's newest results read from {@code check_results (monitor_id, time DESC)}), bounded to a
 * week so a partitioned table is probed only in its recent partitions.
 */
@Component
class RecentChecks {

    static final int BEATS = 50;
    private static final Duration HORIZON = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;

    RecentChecks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Each monitor's last {@value #BEATS} scheduled checks, oldest first. */
    Map<UUID, List<Beat>> of(List<UUID> monitorIds) {
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
                    beats.computeIfAbsent(rs.getObject("id", UUID.class), k -> new ArrayList<>())
                            .add(Beat.of(rs.getTimestamp("time").toInstant(), rs.getString("region"),
                                    rs.getInt("latency_ms"), rs.getBoolean("ok"), rs.getBoolean("degraded"),
                                    rs.getString("error")));
                });
        beats.values().forEach(Collections::reverse);
        return beats;
    }
}
