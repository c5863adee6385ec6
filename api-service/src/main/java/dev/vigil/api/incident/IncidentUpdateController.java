package dev.vigil.api.incident;

import dev.vigil.api.identity.ApiPrincipal;
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

/** {@code /api/v1/incidents/{id}/updates}: the HTTP face of {@link IncidentUpdates}. */
@RestController
@RequestMapping("/api/v1/incidents/{incidentId}/updates")
class IncidentUpdateController {

    private final IncidentUpdates updates;

    IncidentUpdateController(IncidentUpdates updates) {
        this.updates = updates;
    }

    @GetMapping
    Items list(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId) {
        return new Items(updates.list(caller, incidentId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentUpdateView post(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId,
                            @RequestBody IncidentUpdateRequest request) {
        return updates.post(caller, incidentId, request);
    }

    record Items(List<IncidentUpdateView> items) {
    }
}
