package dev.vigil.api.audit;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit log", description = "Who changed what in the workspace, and when.")
class AuditLogController {

    /** The resource types audit entries name, sorted (the dashboard's filter offers the same). */
    static final List<String> RESOURCE_TYPES = AuditResourceTypes.ALL;

    private final AuditQueries queries;

    AuditLogController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/audit-log")
    @Operation(summary = "List audit entries, newest first",
            description = "Changes to monitors, alert channels, API keys, members, rotations and the workspace. "
                    + "Summaries never contain secrets: header values and bodies show as \"(redacted)\", keys by "
                    + "their prefix. Filters: actor (part of the actor's label, any case), action (its start, e.g. "
                    + "monitor.), from and until (ISO-8601 instants).")
    Paging.Items<AuditEventView> list(@AuthenticationPrincipal ApiPrincipal caller,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size,
                                      @Parameter(description = "MONITOR, API_KEY, MEMBER, ALERT_CHANNEL, WORKSPACE, ...")
                                      @RequestParam(required = false) String resourceType,
                                      @RequestParam(required = false) UUID resourceId,
                                      @RequestParam(required = false) String actor,
                                      @RequestParam(required = false) String action,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String until) {
        Paging paging = Paging.of(page, size);
        FieldProblems problems = new FieldProblems();
        if (resourceType != null && !RESOURCE_TYPES.contains(resourceType)) {
            problems.add("resourceType", "resourceType must be one of " + String.join(", ", RESOURCE_TYPES));
        }
        String actorText = problems.optionalLine("actor", actor, 254);
        String actionText = problems.optionalLine("action", action, 100);
        Instant fromInstant = instant(problems, "from", from);
        Instant untilInstant = instant(problems, "until", until);
        problems.throwIfAny();
        return queries.page(caller.workspaceId(), new AuditQueries.Filter(resourceType, resourceId, actorText,
                actionText, fromInstant, untilInstant), paging);
    }

    private static Instant instant(FieldProblems problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, field + " must be an ISO-8601 instant, e.g. 2026-03-02T09:00:00Z");
            return null;
        }
    }
}
