package dev.vigil.api.dashboard.fleet;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Probe instances as the alerting service records them from heartbeats ({@code probe_instances}). One that stopped
 * or missed its heartbeats is shown for a day after its last one, as gone, so an operator sees what disappeared.
 */
@Component
class ProbeFleet {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProbeFleet(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One probe instance.
     *
     * @param live whether it is heartbeating and not stopping
     */
    record Probe(String instanceId, String region, String version, Instant startedAt, Instant lastSeenAt,
                 boolean live, int inFlight, int maxInFlight, List<String> monitorTypes) {
    }

    List<Probe> probes() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        SELECT instance_id, region, version, started_at, last_seen_at,
                               expires_at > ? AND NOT stopping AS live, in_flight, max_in_flight, monitor_types
                        FROM probe_instances WHERE last_seen_at > ?
                        ORDER BY region, live DESC, instance_id""")
                .params(now, Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, n) -> new Probe(rs.getString("instance_id"), rs.getString("region"),
                        rs.getString("version"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant(), rs.getBoolean("live"), rs.getInt("in_flight"),
                        rs.getInt("max_in_flight"), strings(rs.getArray("monitor_types"))))
                .list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
