package dev.vigil.api.monitor;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Monitors")
class MonitorBulkController {

    private final MonitorBulkActions actions;

    MonitorBulkController(MonitorBulkActions actions) {
        this.actions = actions;
    }

    @PostMapping("/api/v1/monitors/bulk")
    @Operation(summary = "One action on many monitors",
            description = "pause, resume, delete, add_tags, remove_tags, link_channel, unlink_channel or "
                    + "move_to_group, on the monitors named by monitorIds or on every monitor filter matches. One "
                    + "transaction and one audit entry naming the monitors; any monitor, tag, channel or group not of "
                    + "this workspace is a 400 and nothing changes.")
    BulkResult apply(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody BulkRequest request) {
        return actions.apply(caller, request);
    }
}
