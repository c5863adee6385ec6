package dev.vigil.alerting.maintenance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a monitor is inside a maintenance window. Maintenance windows belong to the scheduler's feature
 * ({@code maintenance_windows(id, workspace_id, title, starts_at, ends_at)} and
 * {@code maintenance_window_monitors(window_id, monitor_id)}); until that migration is applied the tables do not
 * exist and no monitor is ever in maintenance. Whether they exist is looked up again every minute.
 */
@Component
public class MaintenanceCalendar {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile boolean tablesExist;
    private volatile Instant checkedAt = Instant.MIN;

    public MaintenanceCalendar(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean inMaintenance(UUID monitorId, Instant at) {
        if (!tablesExist()) {
            return false;
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM maintenance_windows w
                                       JOIN maintenance_window_monitors l ON l.window_id = w.id
                                       WHERE l.monitor_id = ? AND w.starts_at <= ? AND w.ends_at > ?)""")
                .params(monitorId, Timestamp.from(at), Timestamp.from(at)).query(Boolean.class).single();
    }

    private boolean tablesExist() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(RECHECK) >= 0) {
            tablesExist = jdbc.sql("""
                            SELECT to_regclass('maintenance_windows') IS NOT NULL
                               AND to_regclass('maintenance_window_monitors') IS NOT NULL""")
                    .query(Boolean.class).single();
            checkedAt = now;
        }
        return tablesExist;
    }
}
