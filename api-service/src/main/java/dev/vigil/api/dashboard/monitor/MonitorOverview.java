package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.group.GroupView;
import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorFilter;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.MonitorSearch;
import dev.vigil.api.monitor.MonitorViews;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monitor list: the workspace's monitors the filter matches (found by the API's {@link MonitorSearch}, by name),
 * each with its tags, group, last 50 checks, 24-hour uptime (the API's own calculation) and a latency sparkline. At
 * most {@link #SHOWN} rows are computed per request, in a fixed number of queries (no query per row), since the list
 * is polled every few seconds.
 */
@Component
class MonitorOverview {

    static final int SHOWN = 50;
    private static final int SPARK_SAMPLES = 30;
    static final List<String> STATUSES = List.of("UP", "DOWN", "DEGRADED", "PAUSED", "PENDING");

    private final MonitorSearch search;
    private final MonitorRepository monitors;
    private final MonitorViews views;
    private final RecentChecks checks;
    private final UptimeCalculator uptime;
    private final Clock clock;

    MonitorOverview(MonitorSearch search, MonitorRepository monitors, MonitorViews views, RecentChecks checks,
                    UptimeCalculator uptime, Clock clock) {
        this.search = search;
        this.monitors = monitors;
        this.views = views;
        this.checks = checks;
        this.uptime = uptime;
        this.clock = clock;
    }

    /** The matching rows, how many monitors matched in all, and how many the workspace has. */
    record Listing(List<MonitorRow> rows, long matched, long total) {
    }

    @Transactional(readOnly = true)
    Listing list(Caller caller, MonitorFilter filter, List<GroupView> groups) {
        MonitorSearch.Found found = search.page(caller.workspaceId(), filter, "", MonitorSearch.Order.NAME, 0,
                SHOWN);
        long total = filter.equals(MonitorFilter.ALL) ? found.total()
                : search.page(caller.workspaceId(), MonitorFilter.ALL, "", MonitorSearch.Order.NAME, 0, 1).total();
        Map<UUID, Monitor> byId = new HashMap<>();
        monitors.findListed(found.ids()).forEach(m -> byId.put(m.getId(), m));
        List<Monitor> shown = found.ids().stream().map(byId::get).filter(Objects::nonNull).toList();
        List<MonitorResponse> responses = views.of(shown, caller.reader());
        Map<UUID, List<Beat>> beats = checks.of(found.ids(), total >= RecentChecks.REMEMBER_FROM);
        Map<UUID, java.time.Instant> created = new HashMap<>();
        responses.forEach(m -> created.put(m.id(), m.createdAt()));
        Map<UUID, Double> uptimes = uptime.percents(created, UptimeWindow.H24, clock.instant());
        Map<UUID, String> paths = new HashMap<>();
        groups.forEach(g -> paths.put(g.id(), g.path()));
        List<MonitorRow> rows = responses.stream().map(m -> {
            List<Beat> recent = beats.getOrDefault(m.id(), List.of());
            return new MonitorRow(m.id(), m.name(), m.type(), target(m), m.status(), m.tags(),
                    m.groupId() == null ? null : paths.get(m.groupId()),
                    recent.isEmpty() ? null : recent.getLast().time(), uptimes.get(m.id()), recent,
                    Sparkline.of(samples(recent)),
                    !m.unavailableIn().isEmpty() && m.unavailableIn().size() == m.regions().size());
        }).toList();
        return new Listing(rows, found.total(), total);
    }

    /** The sparkline's samples, newest first, from the beats (oldest first). */
    private static List<Sparkline.Sample> samples(List<Beat> beats) {
        List<Sparkline.Sample> samples = new ArrayList<>();
        for (Beat beat : beats.subList(Math.max(0, beats.size() - SPARK_SAMPLES), beats.size())) {
            samples.add(new Sparkline.Sample(beat.latencyMs(), !beat.result().equals("DOWN")));
        }
        Collections.reverse(samples);
        return samples;
    }

    /** What a monitor watches, in a few words. */
    static String target(MonitorResponse m) {
        return switch (m.type()) {
            case "HTTP" -> m.method() + " " + m.url();
            case "TCP", "TLS" -> m.host() + ":" + m.port();
            case "DNS" -> m.recordType() + " " + m.host();
            case "PLUGIN" -> m.plugin();
            case "HEARTBEAT" -> m.schedule() != null
                    ? "cron " + m.schedule() + " (" + (m.timeZone() == null ? "UTC" : m.timeZone()) + ")"
                    : "ping every " + m.periodSeconds() + " s";
            case "PING", "DOMAIN" -> m.host();
            case "UDP" -> "udp " + m.host() + ":" + m.port();
            case "SMTP", "IMAP", "POP3" -> m.host() + ":" + m.port() + " (" + m.tlsMode() + ")";
            default -> "";
        };
    }
}
