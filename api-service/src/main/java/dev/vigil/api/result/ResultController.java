package dev.vigil.api.result;

import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ResultController {

    private static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    private static final int MAX_LIMIT = 1000;

    private final MonitorRepository monitors;
    private final ResultQueries results;
    private final Clock clock;

    ResultController(MonitorRepository monitors, ResultQueries results, Clock clock) {
        this.monitors = monitors;
        this.results = results;
        this.clock = clock;
    }

    @GetMapping("/api/v1/monitors/{id}/results")
    ResultPage results(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                       @RequestParam(defaultValue = "100") int limit) {
        monitors.findByIdAndWorkspaceId(id, caller.workspaceId()).orElseThrow(() -> new NotFoundException("monitor"));
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "from must be before to");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new ResultPage(results.recent(id, start, end, limit));
    }

    record ResultPage(List<ResultView> items) {
    }
}
