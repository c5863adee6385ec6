package dev.vigil.api.group;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/monitor-groups")
@Tag(name = "Monitor groups", description = "Folders for monitors, nested once; the monitor list filters by them.")
class MonitorGroupController {

    private final MonitorGroups groups;

    MonitorGroupController(MonitorGroups groups) {
        this.groups = groups;
    }

    /** The {@code {"items":[...]}} of docs/api.md's unpaged lists. */
    record GroupList(List<GroupView> items) {
    }

    @GetMapping
    @Operation(summary = "The workspace's groups, each top-level group followed by its subgroups")
    GroupList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new GroupList(groups.list(caller));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a group",
            description = "parentId nests it in a top-level group; 409 when a sibling has the name.")
    GroupView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody GroupRequest request) {
        return groups.create(caller, request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One group")
    GroupView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return groups.get(caller, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Rename or move a group")
    GroupView update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                   @RequestBody GroupRequest request) {
        return groups.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a group", description = "Its monitors stay, ungrouped; 409 while it has subgroups.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        groups.delete(caller, id);
    }
}
