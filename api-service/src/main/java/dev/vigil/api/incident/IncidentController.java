package dev.vigil.api.incident;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

    private static final Set<String> STATUSES = Set.of("OPEN", "RESOLVED");
    private static final int MAX_LIMIT = 500;

    private final IncidentQueries incidents;
    private static final Set<String> KINDS = Set.of("DOWN", "HEARTBEAT_MISSED", "HEARTBEAT_FAILED", "DECLARED");

    private final IncidentAcknowledger acknowledger;
    private final IncidentDeclarations declarations;

    IncidentController(IncidentQueries incidents, IncidentAcknowledger acknowledger,
                       IncidentDeclarations declarations) {
        this.incidents = incidents;
        this.acknowledger = acknowledger;
        this.declarations = declarations;
    }

    /** Declares an incident no monitor opened (docs/api.md, Declared incidents). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView declare(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody DeclareIncidentRequest request) {
        return declarations.declare(caller, request);
    }

    @PatchMapping("/{id}")
    IncidentView edit(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                      @RequestBody EditIncidentRequest request) {
        return declarations.edit(caller, id, request);
    }

    @PostMapping("/{id}/link")
    IncidentView link(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                      @RequestBody LinkIncidentRequest request) {
        return declarations.link(caller, id, request);
    }

    @DeleteMapping("/{id}/link")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        declarations.unlink(caller, id);
    }

    @GetMapping
    IncidentPage list(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(required = false) String status,
                      @RequestParam(required = false) UUID monitorId, @RequestParam(required = false) String kind,
                      @RequestParam(defaultValue = "100") int limit) {
        String wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw InvalidRequestException.of("status", "status must be OPEN or RESOLVED");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        String wantedKind = kind == null ? null : kind.toUpperCase(Locale.ROOT);
        if (wantedKind != null && !KINDS.contains(wantedKind)) {
            throw InvalidRequestException.of("kind", "kind must be DOWN, HEARTBEAT_MISSED, HEARTBEAT_FAILED or "
                    + "DECLARED");
        }
        return new IncidentPage(incidents.list(caller.workspaceId(), wanted, monitorId, wantedKind, limit));
    }

    @GetMapping("/{id}")
    IncidentView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return incidents.find(caller.workspaceId(), id).orElseThrow(() -> new NotFoundException("incident"));
    }

    @PostMapping("/{id}/acknowledge")
    IncidentView acknowledge(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        switch (acknowledger.acknowledge(caller, id)) {
            case NOT_FOUND -> throw new NotFoundException("incident");
            case RESOLVED -> throw resolved();
            case ACKNOWLEDGED, ALREADY_ACKNOWLEDGED -> {
                // answered below with the incident as it is now
            }
        }
        return get(caller, id);
    }

    private static ErrorResponseException resolved() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This incident is resolved; only open incidents can be acknowledged.");
        problem.setTitle("Incident resolved");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    record IncidentPage(List<IncidentView> items) {
    }
}
