package dev.vigil.scheduler.maintenance;

import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Covering;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Window;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the windows that have not ended yet (and those that ended a little ago: a round due just before a window's
 * end may be taken a moment after it). Windows are few, so the whole set is re-read on every change.
 */
@Component
public class MaintenanceWindowReader {

    /** A late round is judged by its scheduled instant; keep recently ended windows long enough for that. */
    private static final Duration ENDED_GRACE = Duration.ofHours(1);

    private final JdbcClient jdbc;

    public MaintenanceWindowReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MaintenanceCalendar load(Instant now) {
        return MaintenanceCalendar.of(jdbc.sql("""
                        SELECT l.monitor_id, w.starts_at, w.ends_at
                        FROM maintenance_windows w
                        JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE w.ends_at > ?""")
                .param(Timestamp.from(now.minus(ENDED_GRACE)))
                .query((rs, row) -> new Covering(rs.getObject("monitor_id", java.util.UUID.class),
                        new Window(rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant())))
                .list());
    }
}
