package dev.vigil.api.uptime;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads monitors' {@link UptimeHistory}: their state transitions since a given instant, preceded by the last one
 * before it (the state at the start), and their maintenance windows overlapping that period. Two queries for any
 * number of monitors; never over raw check results. The caller has already checked the monitors are the caller's.
 */
@Component
public class UptimeHistories {

    private final JdbcClient jdbc;

    UptimeHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One monitor's history from {@code from} until {@code now}. */
    public UptimeHistory of(UUID monitorId, Instant from, Instant now) {
        return of(List.of(monitorId), from, now).get(monitorId);
    }

    /** Each monitor's history from {@code from} until {@code now}; every monitor asked about has one. */
    public Map<UUID, UptimeHistory> of(Collection<UUID> monitorIds, Instant from, Instant now) {
        Map<UUID, List<UptimeHistory.Transition>> transitions = new HashMap<>();
        Map<UUID, List<UptimeHistory.Span>> maintenance = new HashMap<>();
        if (!monitorIds.isEmpty()) {
            jdbc.sql("""
                            (SELECT DISTINCT ON (monitor_id) monitor_id, at, to_status, id FROM monitor_transitions
                             WHERE monitor_id IN (:ids) AND at < :from ORDER BY monitor_id, at DESC, id DESC)
                            UNION ALL
                            (SELECT monitor_id, at, to_status, id FROM monitor_transitions
                             WHERE monitor_id IN (:ids) AND at >= :from AND at < :now)
                            ORDER BY monitor_id, at, id""")
                    .param("ids", monitorIds).param("from", Timestamp.from(from)).param("now", Timestamp.from(now))
                    .query(rs -> {
                        transitions.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                                .add(new UptimeHistory.Transition(rs.getTimestamp("at").toInstant(),
                                        rs.getString("to_status")));
                    });
            jdbc.sql("""
                            SELECT l.monitor_id, w.starts_at, w.ends_at
                            FROM maintenance_windows w JOIN maintenance_window_monitors l ON l.window_id = w.id
                            WHERE l.monitor_id IN (:ids) AND w.starts_at < :now AND w.ends_at > :from""")
                    .param("ids", monitorIds).param("from", Timestamp.from(from)).param("now", Timestamp.from(now))
                    .query(rs -> {
                        maintenance.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                                .add(new UptimeHistory.Span(rs.getTimestamp("starts_at").toInstant(),
                                        rs.getTimestamp("ends_at").toInstant()));
                    });
        }
        Map<UUID, UptimeHistory> histories = new HashMap<>();
        for (UUID id : monitorIds) {
            histories.put(id, UptimeHistory.of(transitions.getOrDefault(id, List.of()),
                    maintenance.getOrDefault(id, List.of()), now));
        }
        return histories;
    }
}
