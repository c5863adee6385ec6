package dev.vigil.api.escalation;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** {@code /api/v1/monitors/{id}/escalation-policy}: the HTTP face of {@link EscalationPolicies}. */
@RestController
@RequestMapping("/api/v1/monitors/{monitorId}/escalation-policy")
@Tag(name = "Escalation", description = "Who is alerted next when nobody acknowledges an incident.")
class EscalationPolicyController {

    private final EscalationPolicies policies;

    EscalationPolicyController(EscalationPolicies policies) {
        this.policies = policies;
    }

    @PutMapping
    @Operation(summary = "Set a monitor's escalation policy", description = "Levels (1 to 5) each name channels "
            + "and/or an on-call rotation; afterMinutes (1 to 1440, all but the last level) is how long an incident "
            + "may stay unacknowledged before the next level is alerted.")
    EscalationPolicies.PolicyView put(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID monitorId,
                                      @RequestBody EscalationRequests.Policy request) {
        return policies.put(caller, monitorId, request);
    }

    @GetMapping
    @Operation(summary = "A monitor's escalation policy (404 when it has none)")
    EscalationPolicies.PolicyView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID monitorId) {
        return policies.get(caller, monitorId);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a monitor's escalation policy")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID monitorId) {
        policies.delete(caller, monitorId);
    }
}
