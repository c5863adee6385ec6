package dev.vigil.api.audit;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit log", description = "Who changed what in the workspace, and when.")
class AuditLogController {

    static final Set<String> RESOURCE_TYPES = Set.of("MONITOR", "API_KEY", "MEMBER", "ALERT_CHANNEL", "WORKSPACE");

    private final AuditQueries queries;

    AuditLogController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/audit-log")
    @Operation(summary = "List audit entries, newest first",
            description = "Changes to monitors, alert channels, API keys, members and the workspace. Summaries never "
                    + "contain secrets: header values and bodies show as \"(redacted)\", keys by their prefix.")
    Paging.Items<AuditEventView> list(@AuthenticationPrincipal ApiPrincipal caller,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size,
                                      @Parameter(description = "MONITOR, API_KEY, MEMBER, ALERT_CHANNEL or WORKSPACE")
                                      @RequestParam(required = false) String resourceType,
                                      @RequestParam(required = false) UUID resourceId) {
        Paging paging = Paging.of(page, size);
        if (resourceType != null && !RESOURCE_TYPES.contains(resourceType)) {
            FieldProblems problems = new FieldProblems();
            problems.add("resourceType", "resourceType must be one of " + String.join(", ",
                    RESOURCE_TYPES.stream().sorted().toList()));
            problems.throwIfAny();
        }
        return queries.page(caller.workspaceId(), resourceType, resourceId, paging);
    }
}
