package dev.vigil.api.monitor;

import dev.vigil.api.security.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/monitors")
class MonitorController {

    private static final Logger log = LoggerFactory.getLogger(MonitorController.class);
    private static final int MAX_PAGE_SIZE = 200;

    private final MonitorRepository monitors;
    private final MonitorDefinitions definitions;
    private final Clock clock;

    MonitorController(MonitorRepository monitors, MonitorDefinitions definitions, Clock clock) {
        this.monitors = monitors;
        this.definitions = definitions;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    MonitorResponse create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody MonitorRequest request) {
        Monitor monitor = monitors.save(new Monitor(caller.workspaceId(), definitions.settingsOf(request),
                clock.instant()));
        log.info("monitor created workspace={} monitor={} type={}", caller.workspaceId(), monitor.getId(),
                monitor.getType());
        return MonitorResponse.of(monitor);
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    MonitorResponse get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return MonitorResponse.of(monitors.findByIdAndWorkspaceId(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor")));
    }

    @GetMapping
    @Transactional(readOnly = true)
    MonitorPage list(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw InvalidRequestException.of("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidRequestException.of("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        Page<Monitor> found = monitors.findByWorkspaceId(caller.workspaceId(),
                PageRequest.of(page, size, Sort.by("createdAt", "id")));
        return new MonitorPage(found.map(MonitorResponse::of).getContent(), page, size, found.getTotalElements());
    }

    /** API.md's page shape. */
    record MonitorPage(List<MonitorResponse> items, int page, int size, long total) {
    }
}
