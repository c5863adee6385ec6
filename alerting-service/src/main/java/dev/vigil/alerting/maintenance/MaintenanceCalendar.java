package dev.vigil.alerting.maintenance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a monitor is inside a maintenance window ({@code maintenance_windows} and the monitors each covers in
 * {@code maintenance_window_monitors}, migration V7_0). A monitor in maintenance opens no incident and alerts no one.
 */
@Component
public class MaintenanceCalendar {

    private final JdbcClient jdbc;

    public MaintenanceCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Those of {@code monitorIds} inside a maintenance window at {@code at}. */
    public Set<UUID> inMaintenance(Collection<UUID> monitorIds, Instant at) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT l.monitor_id FROM maintenance_windows w
                        JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE l.monitor_id = ANY(?) AND w.starts_at <= ? AND w.ends_at > ?""")
                .params(monitorIds.toArray(UUID[]::new), Timestamp.from(at), Timestamp.from(at)).query(UUID.class)
                .list());
    }

    /** A maintenance window, {@code [startsAt, endsAt)}. */
    public record Window(Instant startsAt, Instant endsAt) {

        public boolean covers(Instant at) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
    }

    /** The windows of each of {@code monitorIds} that cover any instant from {@code from} to {@code to}: one query. */
    public Map<UUID, List<Window>> windows(Collection<UUID> monitorIds, Instant from, Instant to) {
        Map<UUID, List<Window>> windows = new HashMap<>();
        jdbc.sql("""
                        SELECT l.monitor_id, w.starts_at, w.ends_at FROM maintenance_windows w
                        JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE l.monitor_id = ANY(?) AND w.starts_at <= ? AND w.ends_at > ?""")
                .params(monitorIds.toArray(UUID[]::new), Timestamp.from(to), Timestamp.from(from))
                .query(rs -> {
                    windows.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new ArrayList<>())
                            .add(new Window(rs.getTimestamp("starts_at").toInstant(),
                                    rs.getTimestamp("ends_at").toInstant()));
                });
        return windows;
    }

    public boolean inMaintenance(UUID monitorId, Instant at) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM maintenance_windows w
                                       JOIN maintenance_window_monitors l ON l.window_id = w.id
                                       WHERE l.monitor_id = ? AND w.starts_at <= ? AND w.ends_at > ?)""")
                .params(monitorId, Timestamp.from(at), Timestamp.from(at)).query(Boolean.class).single();
    }
}
