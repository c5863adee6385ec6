package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
    private final MonitorSearch search;

    MonitorController(MonitorRepository monitors, MonitorEditor editor, MonitorViews views, MonitorSearch search) {
        this.monitors = monitors;
        this.search = search;
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
    @Operation(summary = "List monitors, oldest first", description = "Filters combine (AND); a parameter may be "
            + "repeated or comma-separated: any of the statuses, types and regions given, every tag given (id or "
            + "name), the group (id; its subgroups included; none: ungrouped), q: name or target contains the text. "
            + "A full page answers next: pass it as after (instead of page) for the page that follows, as fast at "
            + "any depth.")
    MonitorPage list(@AuthenticationPrincipal ApiPrincipal caller,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "50") int size,
                     @RequestParam(required = false) String after,
                     @RequestParam(required = false) List<String> status,
                     @RequestParam(required = false) List<String> tag,
                     @RequestParam(required = false) String group,
                     @RequestParam(required = false) List<String> type,
                     @RequestParam(required = false) List<String> region,
                     @RequestParam(required = false) String q) {
        Paging paging = Paging.of(page, size);
        MonitorCursor cursor = after == null ? null : MonitorCursor.parse("after", after);
        if (cursor != null && page != 0) {
            FieldProblems problems = new FieldProblems();
            problems.add("after", "give page or after, not both");
            problems.throwIfAny();
        }
        MonitorSearch.CreatedPage found = search.oldestFirst(caller.workspaceId(),
                new MonitorFilter(status, tag, group, type, region, q), cursor, paging.offset(), paging.size());
        return new MonitorPage(views.of(inOrder(found.ids()), caller), page, size, found.total(),
                found.next() == null ? null : found.next().encode());
    }

    /**
     * The page shape of docs/api.md and, on a full page, {@code next}: the {@code after} of the page that follows.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MonitorPage(List<MonitorResponse> items, int page, int size, long total, String next) {
    }

    private List<Monitor> inOrder(List<UUID> ids) {
        Map<UUID, Monitor> byId = new HashMap<>();
        monitors.findListed(ids).forEach(m -> byId.put(m.getId(), m));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
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
