package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.MonitorViews;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monitor list: the workspace's monitors filtered by a search text and a status, each with its last check, its
 * 24-hour uptime (the API's own calculation) and a sparkline of its latest results. At most {@link #SHOWN} rows are
 * computed per request, since the list is polled every few seconds.
 */
@Component
class MonitorOverview {

    static final int SHOWN = 50;
    private static final int SPARK_SAMPLES = 30;
    static final List<String> STATUSES = List.of("UP", "DOWN", "DEGRADED", "PAUSED", "PENDING");

    private final MonitorRepository monitors;
    private final MonitorViews views;
    private final UptimeCalculator uptime;
    private final JdbcClient jdbc;
    private final Clock clock;

    MonitorOverview(MonitorRepository monitors, MonitorViews views, UptimeCalculator uptime, JdbcClient jdbc,
                    Clock clock) {
        this.monitors = monitors;
        this.views = views;
        this.uptime = uptime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The matching rows, and how many monitors matched in all. */
    record Listing(List<MonitorRow> rows, int matched, int total) {
    }

    @Transactional(readOnly = true)
    Listing list(Caller caller, String query, String status) {
        List<Monitor> all = monitors.findByWorkspaceId(caller.workspaceId(),
                PageRequest.of(0, 10_000, Sort.by("name", "id"))).getContent();
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String wanted = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        List<MonitorResponse> matching = views.of(all, caller.reader()).stream()
                .filter(m -> wanted.isEmpty() || m.status().equals(wanted))
                .filter(m -> q.isEmpty() || m.name().toLowerCase(Locale.ROOT).contains(q)
                        || target(m).toLowerCase(Locale.ROOT).contains(q))
                .toList();
        List<MonitorResponse> shown = matching.stream().limit(SHOWN).toList();
        Map<UUID, List<Sparkline.Sample>> samples = recentSamples(shown.stream().map(MonitorResponse::id).toList());
        Map<UUID, Instant> lastChecks = lastChecks(shown.stream().map(MonitorResponse::id).toList());
        Map<UUID, Instant> created = new HashMap<>();
        shown.forEach(m -> created.put(m.id(), m.createdAt()));
        Map<UUID, Double> uptimes = uptime.percents(created, UptimeWindow.H24, clock.instant());
        List<MonitorRow> rows = shown.stream().map(m -> new MonitorRow(m.id(), m.name(), m.type(), target(m),
                m.status(), lastChecks.get(m.id()), uptimes.get(m.id()),
                Sparkline.of(samples.getOrDefault(m.id(), List.of())))).toList();
        return new Listing(rows, matching.size(), all.size());
    }

    /** What a monitor watches, in a few words. */
    static String target(MonitorResponse m) {
        return switch (m.type()) {
            case "HTTP" -> m.method() + " " + m.url();
            case "TCP", "TLS" -> m.host() + ":" + m.port();
            case "DNS" -> m.recordType() + " " + m.host();
            case "PLUGIN" -> m.plugin();
            case "HEARTBEAT" -> "ping every " + m.periodSeconds() + " s";
            default -> "";
        };
    }

    private Map<UUID, List<Sparkline.Sample>> recentSamples(List<UUID> ids) {
        Map<UUID, List<Sparkline.Sample>> samples = new HashMap<>();
        if (ids.isEmpty()) {
            return samples;
        }
        jdbc.sql("""
                        SELECT m.id, r.latency_ms, r.ok
                        FROM unnest(?::uuid[]) AS m(id)
                        CROSS JOIN LATERAL (SELECT latency_ms, ok, time FROM check_results r
                                            WHERE r.monitor_id = m.id AND r.time > ? AND r.kind = 'SCHEDULED'
                                            ORDER BY r.time DESC LIMIT ?) r
                        ORDER BY m.id, r.time DESC""")
                .params(ids(ids), Timestamp.from(clock.instant().minus(Duration.ofHours(24))),
                        SPARK_SAMPLES)
                .query((rs, row) -> {
                    samples.computeIfAbsent(rs.getObject("id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(new Sparkline.Sample(rs.getLong("latency_ms"), rs.getBoolean("ok")));
                    return null;
                }).list();
        return samples;
    }

    /** As text: the driver binds a String[] as text[], which the query casts. */
    private static String[] ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private Map<UUID, Instant> lastChecks(List<UUID> ids) {
        Map<UUID, Instant> last = new HashMap<>();
        if (ids.isEmpty()) {
            return last;
        }
        jdbc.sql("""
                        SELECT m.id, (SELECT max(time) FROM check_results r WHERE r.monitor_id = m.id
                                      AND r.time > ?) AS last
                        FROM unnest(?::uuid[]) AS m(id)""")
                .params(Timestamp.from(clock.instant().minus(Duration.ofDays(7))), ids(ids))
                .query((rs, row) -> {
                    Timestamp t = rs.getTimestamp("last");
                    if (t != null) {
                        last.put(rs.getObject("id", UUID.class), t.toInstant());
                    }
                    return null;
                }).list();
        return last;
    }
}
