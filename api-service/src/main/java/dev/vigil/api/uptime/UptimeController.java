package dev.vigil.api.uptime;

import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UptimeController {

    private static final Duration DEFAULT_EXPORT = Duration.ofDays(1);
    private static final Duration MAX_EXPORT = Duration.ofDays(400);

    private final MonitorRepository monitors;
    private final UptimeCalculator uptime;
    private final ResultExporter exporter;
    private final Clock clock;

    UptimeController(MonitorRepository monitors, UptimeCalculator uptime, ResultExporter exporter, Clock clock) {
        this.monitors = monitors;
        this.uptime = uptime;
        this.exporter = exporter;
        this.clock = clock;
    }

    @GetMapping("/api/v1/monitors/{id}/uptime")
    Uptime uptime(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                  @RequestParam(defaultValue = "24h") String window) {
        UptimeWindow chosen = UptimeWindow.of(window);
        Monitor monitor = monitor(caller, id);
        return uptime.uptime(id, monitor.getCreatedAt(), chosen, clock.instant());
    }

    /**
     * Streams the results straight to the response, in the request's own thread (an async streaming body would be
     * dispatched again through the security filters, which authenticate the first dispatch only).
     */
    @GetMapping("/api/v1/monitors/{id}/export")
    void export(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                @RequestParam(defaultValue = "csv") String format,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                HttpServletResponse response) throws IOException {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("json")) {
            throw InvalidRequestException.of("format", "format must be csv or json");
        }
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_EXPORT) : from;
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_EXPORT) > 0) {
            throw InvalidRequestException.of("from", "at most " + MAX_EXPORT.toDays() + " days can be exported at once");
        }
        monitor(caller, id);
        response.setContentType(kind.equals("csv") ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"results-" + id + "." + kind + "\"");
        if (kind.equals("csv")) {
            exporter.csv(id, start, end, response.getOutputStream());
        } else {
            exporter.json(id, start, end, response.getOutputStream());
        }
    }

    private Monitor monitor(ApiPrincipal caller, UUID id) {
        return monitors.findByIdAndWorkspaceId(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor"));
    }
}
