package dev.vigil.api.overload;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what probes skipped. One query per page of monitors or per dashboard page, each an index range scan of
 * {@code skipped_checks} (by monitor, or by workspace, and time); the caller has already checked the monitors or the
 * workspace are the caller's.
 */
@Component
public class SkippedChecks {

    /** The window of a monitor's {@code skippedChecks}. */
    public static final Duration MONITOR_WINDOW = Duration.ofHours(24);
    /** How recent a skip must be for the workspace banner: overload now, not last week's. */
    public static final Duration BANNER_WINDOW = Duration.ofHours(1);

    /**
     * One monitor's skipped checks.
     *
     * @param last24h       checks skipped (one per region and round) in the last 24 hours
     * @param lastSkippedAt the most recent skipped round's instant; null when none is on record
     */
    public record MonitorSkips(int last24h, Instant lastSkippedAt) {

        static final MonitorSkips NONE = new MonitorSkips(0, null);
    }

    /**
     * A workspace's recent overload.
     *
     * @param checks        checks skipped in the window
     * @param monitors      how many of its monitors had checks skipped
     * @param lastSkippedAt the most recent skipped round
     * @param window        the window counted
     */
    public record WorkspaceOverload(long checks, long monitors, Instant lastSkippedAt, Duration window) {

        /** The window in whole minutes, for people. */
        public long windowMinutes() {
            return window.toMinutes();
        }
    }

    // Checks of a run that fall within the window: all of them, or those from the window's start to the run's last
    // round (the run's rounds are one interval apart).
    private static final String CHECKS_SINCE = """
            CASE WHEN first_at >= :from THEN checks
                 ELSE LEAST(checks, floor(extract(epoch FROM last_at - :from) / interval_seconds)::int + 1) END""";

    private final JdbcClient jdbc;
    private final Clock clock;

    SkippedChecks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Each monitor's skipped checks; monitors without any have {@code 0} and no {@code lastSkippedAt}. */
    public Map<UUID, MonitorSkips> ofMonitors(Collection<UUID> monitorIds) {
        Map<UUID, MonitorSkips> skips = new HashMap<>();
        if (monitorIds.isEmpty()) {
            return skips;
        }
        Instant from = clock.instant().minus(MONITOR_WINDOW);
        jdbc.sql("SELECT monitor_id, coalesce(sum(" + CHECKS_SINCE + ") FILTER (WHERE last_at >= :from), 0) AS recent,"
                        + " max(last_at) AS last_at FROM skipped_checks WHERE monitor_id IN (:ids) GROUP BY monitor_id")
                .param("ids", monitorIds).param("from", Timestamp.from(from))
                .query(rs -> {
                    skips.put(rs.getObject("monitor_id", UUID.class), new MonitorSkips(rs.getInt("recent"),
                            rs.getTimestamp("last_at").toInstant()));
                });
        return skips;
    }

    /** One monitor's skipped checks. */
    public MonitorSkips ofMonitor(UUID monitorId) {
        return ofMonitors(List.of(monitorId)).getOrDefault(monitorId, MonitorSkips.NONE);
    }

    /** The workspace's overload within {@link #BANNER_WINDOW}; empty when nothing was skipped in it. */
    public Optional<WorkspaceOverload> ofWorkspace(UUID workspaceId) {
        Instant from = clock.instant().minus(BANNER_WINDOW);
        return jdbc.sql("SELECT coalesce(sum(" + CHECKS_SINCE + "), 0) AS checks,"
                        + " count(DISTINCT monitor_id) AS monitors, max(last_at) AS last_at"
                        // Rounds a probe cannot run at all (no browser) are no data, not probes falling behind.
                        + " FROM skipped_checks WHERE workspace_id = :workspace AND last_at >= :from"
                        + " AND reason = 'STALE'")
                .param("workspace", workspaceId).param("from", Timestamp.from(from))
                .query((rs, row) -> rs.getLong("monitors") == 0 ? null
                        : new WorkspaceOverload(rs.getLong("checks"), rs.getLong("monitors"),
                                rs.getTimestamp("last_at").toInstant(), BANNER_WINDOW))
                .list().stream().filter(Objects::nonNull).findFirst();
    }
}
