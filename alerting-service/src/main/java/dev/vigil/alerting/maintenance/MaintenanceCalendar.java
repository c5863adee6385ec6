package dev.vigil.alerting.maintenance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
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

    public boolean inMaintenance(UUID monitorId, Instant at) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM maintenance_windows w
                                       JOIN maintenance_window_monitors l ON l.window_id = w.id
                                       WHERE l.monitor_id = ? AND w.starts_at <= ? AND w.ends_at > ?)""")
                .params(monitorId, Timestamp.from(at), Timestamp.from(at)).query(Boolean.class).single();
    }
}
