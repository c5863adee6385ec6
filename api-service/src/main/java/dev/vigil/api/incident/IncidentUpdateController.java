package dev.vigil.api.incident;

import dev.vigil.api.security.ApiPrincipal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents/{incidentId}/updates")
public class IncidentUpdateController {

    private final IncidentUpdates updates;

    IncidentUpdateController(IncidentUpdates updates) {
        this.updates = updates;
    }

    @GetMapping
    public Items list(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId) {
        return new Items(updates.list(caller.workspaceId(), incidentId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public IncidentUpdateView post(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId,
                            @RequestBody IncidentUpdateRequest request) {
        return updates.post(caller, incidentId, request);
    }

    public record Items(List<IncidentUpdateView> items) {
    }
}
