package dev.vigil.api.monitor;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/monitors")
@Tag(name = "Monitors", description = "What Vigil checks: HTTP, TCP, DNS, TLS, HEARTBEAT and PLUGIN monitors.")
class MonitorController {

    private final MonitorRepository monitors;
    private final MonitorEditor editor;
    private final MonitorViews views;

    MonitorController(MonitorRepository monitors, MonitorEditor editor, MonitorViews views) {
        this.monitors = monitors;
        this.editor = editor;
        this.views = views;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a monitor", description = "Answers the monitor with its id, status and, for a "
            + "HEARTBEAT, its pingUrl. Every invalid field is named in errors.")
    MonitorResponse create(@AuthenticationPrincipal ApiPrincipal caller,
                           @RequestBody MonitorRequest request) {
        return editor.create(caller, request);
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "List monitors, oldest first")
    Paging.Items<MonitorResponse> list(@AuthenticationPrincipal ApiPrincipal caller,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        Page<Monitor> found = monitors.findByWorkspaceId(caller.workspaceId(),
                paging.pageable(Sort.by("createdAt", "id")));
        return paging.items(views.of(found.getContent(), caller), found.getTotalElements());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One monitor")
    MonitorResponse get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return views.of(monitors.findByIdAndWorkspaceId(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor")), caller);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a monitor's definition",
            description = "A full replacement: fields left out take their defaults, except paused, which keeps the "
                    + "current state when left out. The type may change; a HEARTBEAT keeps its ping URL.")
    MonitorResponse replace(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                            @RequestBody MonitorRequest request) {
        return editor.replace(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a monitor", description = "Its stored results stay until retention removes them.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        editor.delete(caller, id);
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a monitor", description = "No more checks and no alerts until resumed; status PAUSED.")
    MonitorResponse pause(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return editor.setPaused(caller, id, true);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused monitor")
    MonitorResponse resume(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return editor.setPaused(caller, id, false);
    }

    @PostMapping("/{id}/rotate-ping-url")
    @Operation(summary = "Give a HEARTBEAT monitor a new ping URL",
            description = "For a URL that leaked: the old one stops counting at once. 409 for other types.")
    MonitorResponse rotatePingUrl(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return editor.rotatePingToken(caller, id);
    }
}
