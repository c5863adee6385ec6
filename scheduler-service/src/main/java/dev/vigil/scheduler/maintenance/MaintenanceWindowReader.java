package dev.vigil.scheduler.maintenance;

import dev.vigil.common.maintenance.MaintenanceRecurrence;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Covering;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Window;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the windows that pause checks and have not ended yet (and those that ended a little ago: a round due just
 * before a window's end may be taken a moment after it); a recurring window as its occurrences over the next days.
 * Windows are few, so the whole set is re-read on every change and at each resync.
 */
@Component
public class MaintenanceWindowReader {

    /** A late round is judged by its scheduled instant; keep recently ended windows long enough for that. */
    private static final Duration ENDED_GRACE = Duration.ofHours(1);
    /**
     * How far ahead a recurring window's occurrences are expanded; far longer than the resync interval, which re-reads
     * them (and so moves the horizon) long before it runs out.
     */
    private static final Duration RECURRING_HORIZON = Duration.ofDays(7);
    private static final int MAX_OCCURRENCES = 1000;
    private static final Logger log = LoggerFactory.getLogger(MaintenanceWindowReader.class);

    private final JdbcClient jdbc;

    public MaintenanceWindowReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MaintenanceCalendar load(Instant now) {
        Instant from = now.minus(ENDED_GRACE);
        Instant until = now.plus(RECURRING_HORIZON);
        List<Covering> covering = new ArrayList<>();
        // Only windows that pause checks: during the others (checks RUN) rounds go out and only alerts are held.
        jdbc.sql("""
                        SELECT l.monitor_id, w.starts_at, w.ends_at, w.recurrence, w.time_zone
                        FROM maintenance_windows w
                        JOIN maintenance_window_monitors l ON l.window_id = w.id
                        WHERE w.checks = 'PAUSE'
                          AND CASE WHEN w.recurrence IS NULL THEN w.ends_at > ?
                                   ELSE w.starts_at <= ? AND (w.series_ends_at IS NULL OR w.series_ends_at > ?) END""")
                .params(Timestamp.from(from), Timestamp.from(until), Timestamp.from(from))
                .query(rs -> {
                    UUID monitor = rs.getObject("monitor_id", UUID.class);
                    Instant starts = rs.getTimestamp("starts_at").toInstant();
                    Instant ends = rs.getTimestamp("ends_at").toInstant();
                    String rule = rs.getString("recurrence");
                    if (rule == null) {
                        covering.add(new Covering(monitor, new Window(starts, ends)));
                        return;
                    }
                    try {
                        MaintenanceRecurrence.of(rule, rs.getString("time_zone"), starts,
                                        Duration.between(starts, ends))
                                .between(from, until, MAX_OCCURRENCES)
                                .forEach(o -> covering.add(new Covering(monitor,
                                        new Window(o.startsAt(), o.endsAt()))));
                    } catch (IllegalArgumentException e) {
                        log.warn("unreadable maintenance recurrence monitor={} rule=\"{}\": {}", monitor, rule,
                                e.getMessage());
                    }
                });
        return MaintenanceCalendar.of(covering);
    }
}
