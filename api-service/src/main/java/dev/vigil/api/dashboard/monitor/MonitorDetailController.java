package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.heartbeat.PingHistory;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.incident.IncidentView;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.result.ResultQueries;
import dev.vigil.api.result.ResultView;
import dev.vigil.api.uptime.ResultExporter;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import dev.vigil.common.region.RegionProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A monitor's page: status (polled), uptime, latency chart, phases of the last check, the 90-day bar, recent results
 * with unconfirmed failures marked, its incidents, certificate expiry, and export of its results.
 */
@Controller
@RequestMapping("/app/monitors/{id}")
class MonitorDetailController {

    private static final int RECENT_RESULTS = 50;
    private static final int RECENT_PINGS = 50;

    private final MonitorLookup lookup;
    private final MonitorDetails details;
    private final UptimeCalculator uptime;
    private final ResultQueries results;
    private final IncidentQueries incidents;
    private final ResultExporter exporter;
    private final MonitorTester tester;
    private final RegionProperties regions;
    private final JsonMapper json;
    private final Clock clock;
    private final PingHistory pings;

    MonitorDetailController(MonitorLookup lookup, MonitorDetails details, UptimeCalculator uptime,
                            ResultQueries results, IncidentQueries incidents, ResultExporter exporter,
                            MonitorTester tester, RegionProperties regions, JsonMapper json, Clock clock,
                            PingHistory pings) {
        this.lookup = lookup;
        this.details = details;
        this.uptime = uptime;
        this.results = results;
        this.incidents = incidents;
        this.exporter = exporter;
        this.tester = tester;
        this.regions = regions;
        this.json = json;
        this.clock = clock;
        this.pings = pings;
    }

    @GetMapping
    String page(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "24h") String range,
                Model model) {
        MonitorResponse monitor = lookup.get(caller, id);
        Instant now = clock.instant();
        MonitorDetails.ChartRange chartRange = MonitorDetails.ChartRange.of(range);
        live(caller, monitor, model);
        model.addAttribute("uptimes", uptime.uptimes(id, monitor.createdAt(),
                List.of(UptimeWindow.H24, UptimeWindow.D7, UptimeWindow.D30), now));
        model.addAttribute("range", chartRange.label);
        model.addAttribute("ranges", MonitorDetails.ChartRange.values());
        model.addAttribute("chartJson", json.writeValueAsString(Map.of("range", chartRange.label,
                "from", now.minus(chartRange.length).toEpochMilli(), "to", now.toEpochMilli(),
                "series", details.latency(id, chartRange))));
        List<ResultView> recent = results.recent(id, now.minus(Duration.ofDays(1)), now.plusSeconds(1),
                RECENT_RESULTS);
        model.addAttribute("results", recent);
        model.addAttribute("lastCheck", recent.isEmpty() ? null : recent.getFirst());
        model.addAttribute("daysBar", UptimeBarMarkup.html(details.uptimeBar(id)));
        model.addAttribute("incidents", incidents.list(caller.workspaceId(), null, id, 20));
        model.addAttribute("tls", details.tlsExpiry(id));
        model.addAttribute("regions", regions.regions());
        model.addAttribute("pings", "HEARTBEAT".equals(monitor.type())
                ? pings.newest(caller.workspaceId(), id, 0, RECENT_PINGS) : List.of());
        return "dashboard/monitors/detail";
    }

    /**
     * "Test now": sends one check to the chosen region. An htmx request gets the result block, which polls until the
     * result is stored; a plain form post comes back to the page, which shows the same block.
     */
    @PostMapping("/test")
    String test(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String region,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                RedirectAttributes redirect) {
        caller.writer();
        UUID jobId = tester.start(caller, id, region);
        long started = clock.millis();
        if (htmx == null) {
            redirect.addFlashAttribute("testJob", jobId);
            redirect.addFlashAttribute("testStarted", started);
            return "redirect:/app/monitors/" + id;
        }
        return testResult(caller, id, jobId, started, model);
    }

    @GetMapping("/test/{jobId}")
    String testResult(Caller caller, @PathVariable UUID id, @PathVariable UUID jobId,
                      @RequestParam long started, Model model) {
        lookup.get(caller, id);
        model.addAttribute("monitorId", id);
        model.addAttribute("testJob", jobId);
        model.addAttribute("testStarted", started);
        tester.result(id, jobId).ifPresentOrElse(r -> model.addAttribute("testResult", r),
                () -> model.addAttribute("testGaveUp", tester.gaveUp(started)));
        return "dashboard/monitors/detail :: test-result";
    }

    /** The status block alone, polled by the page so the status changes without a reload. */
    @GetMapping("/live")
    String live(Caller caller, @PathVariable UUID id, Model model) {
        return live(caller, lookup.get(caller, id), model);
    }

    /** The status block of a monitor the page has already looked up (once a page view, not once per block). */
    private String live(Caller caller, MonitorResponse monitor, Model model) {
        UUID id = monitor.id();
        List<IncidentView> open = incidents.list(caller.workspaceId(), "OPEN", id, 1);
        List<ResultView> last = results.recent(id, clock.instant().minus(Duration.ofDays(7)),
                clock.instant().plusSeconds(1), 1);
        model.addAttribute("monitor", monitor);
        model.addAttribute("target", MonitorOverview.target(monitor));
        model.addAttribute("openIncident", open.isEmpty() ? null : open.getFirst());
        model.addAttribute("latest", last.isEmpty() ? null : last.getFirst());
        return "dashboard/monitors/detail :: live";
    }

    /** The API's export, for the page's buttons (a session cannot use the API's bearer-key route). */
    @GetMapping("/export")
    void export(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "csv") String format,
                @RequestParam(defaultValue = "24h") String window, HttpServletResponse response) throws IOException {
        lookup.get(caller, id);
        boolean csv = !"json".equals(format);
        Instant end = clock.instant();
        Instant start = end.minus(MonitorDetails.ChartRange.of(window).length);
        String kind = csv ? "csv" : "json";
        response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"results-" + id + "." + kind
                + "\"");
        if (csv) {
            exporter.csv(id, start, end, response.getOutputStream());
        } else {
            exporter.json(id, start, end, response.getOutputStream());
        }
    }

    /**
     * The whole log one ping carried, for the ping table's link: plain text that no browser may sniff into a page
     * (the body is whatever the job printed).
     */
    @GetMapping("/pings/{pingId}/log")
    void pingLog(Caller caller, @PathVariable UUID id, @PathVariable long pingId, HttpServletResponse response)
            throws IOException {
        String body = pings.body(caller.workspaceId(), id, pingId)
                .orElseThrow(() -> new NotFoundException("ping"));
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(body);
    }
}
