package dev.vigil.api.incident;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.NotFoundException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/incidents/{id}/postmortem}: the HTTP face of {@link IncidentPostmortems}. */
@RestController
@RequestMapping("/api/v1/incidents/{incidentId}/postmortem")
class PostmortemController {

    private final IncidentPostmortems postmortems;

    PostmortemController(IncidentPostmortems postmortems) {
        this.postmortems = postmortems;
    }

    @GetMapping
    PostmortemView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId) {
        return postmortems.find(caller, incidentId).orElseThrow(() -> new NotFoundException("postmortem"));
    }

    @PutMapping
    PostmortemView put(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId,
                       @RequestBody PostmortemRequest request) {
        return postmortems.save(caller, incidentId, request);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID incidentId) {
        postmortems.delete(caller, incidentId);
    }
}
