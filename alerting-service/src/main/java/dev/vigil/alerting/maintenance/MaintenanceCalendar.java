package dev.vigil.alerting.maintenance;

import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a monitor is inside a maintenance window ({@code maintenance_windows} and the monitors each covers in
 * {@code maintenance_window_monitors}, migrations V7_0 and V39_3). A monitor in maintenance opens no incident and
 * alerts no one, whether the window keeps its checks running or pauses them. A recurring window covers its
 * occurrences only ({@link MaintenanceRecurrence}): SQL picks the series that may cover the time, Java expands them.
 */
@Component
public class MaintenanceCalendar {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceCalendar.class);
    /** Limit on occurrences expanded per window and query (a window over a long range of a batch). */
    private static final int MAX_OCCURRENCES = 1000;

    /**
     * The windows of the monitors (bound as an array) that may overlap {@code [from, to]} (parameters: to, from):
     * one-off windows that do, and recurring series that started by {@code to} and had not ended by {@code from}.
     */
    private static final String CANDIDATES = """
            SELECT l.monitor_id, w.starts_at, w.ends_at, w.recurrence, w.time_zone
            FROM maintenance_windows w
            JOIN maintenance_window_monitors l ON l.window_id = w.id
            WHERE l.monitor_id = ANY(?) AND w.starts_at <= ?
              AND CASE WHEN w.recurrence IS NULL THEN w.ends_at > ?
                       ELSE w.series_ends_at IS NULL OR w.series_ends_at > ? END""";

    private final JdbcClient jdbc;

    public MaintenanceCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A maintenance window, {@code [startsAt, endsAt)}. */
    public record Window(Instant startsAt, Instant endsAt) {

        public boolean covers(Instant at) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
    }

    private record Candidate(UUID monitorId, Instant startsAt, Instant endsAt, String recurrence, String zone) {

        /** Its occurrences overlapping {@code [from, to]}. */
        List<Window> windowsBetween(Instant from, Instant to) {
            if (recurrence == null) {
                return List.of(new Window(startsAt, endsAt));
            }
            try {
                return MaintenanceRecurrence.of(recurrence, zone, startsAt, Duration.between(startsAt, endsAt))
                        .between(from, to.plusMillis(1), MAX_OCCURRENCES).stream()
                        .map(o -> new Window(o.startsAt(), o.endsAt())).toList();
            } catch (IllegalArgumentException e) {
                // The api-service validated it; a rule this version cannot read silences nothing rather than all.
                log.warn("unreadable maintenance recurrence monitor={} rule=\"{}\": {}", monitorId, recurrence,
                        e.getMessage());
                return List.of();
            }
        }
    }

    private List<Candidate> candidates(Collection<UUID> monitorIds, Instant from, Instant to) {
        return jdbc.sql(CANDIDATES)
                .params(monitorIds.toArray(UUID[]::new), Timestamp.from(to), Timestamp.from(from),
                        Timestamp.from(from))
                .query(MaintenanceCalendar::candidate).list();
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        return new Candidate(rs.getObject("monitor_id", UUID.class), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getString("recurrence"), rs.getString("time_zone"));
    }

    /** Those of {@code monitorIds} inside a maintenance window at {@code at}. */
    public Set<UUID> inMaintenance(Collection<UUID> monitorIds, Instant at) {
        Set<UUID> inside = new HashSet<>();
        for (Candidate c : candidates(monitorIds, at, at)) {
            if (!inside.contains(c.monitorId()) && c.windowsBetween(at, at).stream().anyMatch(w -> w.covers(at))) {
                inside.add(c.monitorId());
            }
        }
        return inside;
    }

    /** The windows of each of {@code monitorIds} that cover any instant from {@code from} to {@code to}: one query. */
    public Map<UUID, List<Window>> windows(Collection<UUID> monitorIds, Instant from, Instant to) {
        Map<UUID, List<Window>> windows = new HashMap<>();
        for (Candidate c : candidates(monitorIds, from, to)) {
            List<Window> found = c.windowsBetween(from, to);
            if (!found.isEmpty()) {
                windows.computeIfAbsent(c.monitorId(), k -> new ArrayList<>()).addAll(found);
            }
        }
        return windows;
    }

    public boolean inMaintenance(UUID monitorId, Instant at) {
        return !inMaintenance(List.of(monitorId), at).isEmpty();
    }
}
