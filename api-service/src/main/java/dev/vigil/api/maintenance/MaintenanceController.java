package dev.vigil.api.maintenance;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/maintenances")
class MaintenanceController {

    private static final int MAX_LIMIT = 500;

    private final MaintenanceWindows windows;

    MaintenanceController(MaintenanceWindows windows) {
        this.windows = windows;
    }

    /** Upcoming and running windows, newest start first; {@code ?includeCompleted=true} adds the past ones. */
    @GetMapping
    Items list(@AuthenticationPrincipal ApiPrincipal caller,
               @RequestParam(defaultValue = "false") boolean includeCompleted,
               @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new Items(windows.list(caller.workspaceId(), includeCompleted, limit));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MaintenanceView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody MaintenanceRequest request) {
        return windows.create(caller, request);
    }

    @GetMapping("/{id}")
    MaintenanceView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return windows.find(caller.workspaceId(), id).orElseThrow(() -> new NotFoundException("maintenance window"));
    }

    @PutMapping("/{id}")
    MaintenanceView replace(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                            @RequestBody MaintenanceRequest request) {
        return windows.update(caller, id, request, false);
    }

    @PatchMapping("/{id}")
    MaintenanceView patch(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                          @RequestBody MaintenanceRequest request) {
        return windows.update(caller, id, request, true);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        windows.delete(caller, id);
    }

    record Items(List<MaintenanceView> items) {
    }
}
