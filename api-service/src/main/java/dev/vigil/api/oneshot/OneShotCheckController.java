package dev.vigil.api.oneshot;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** One-shot checks and "run now" of a monitor (docs/api.md, "One-shot checks"). */
@RestController
@Tag(name = "Checks")
class OneShotCheckController {

    private final OneShotChecks checks;

    OneShotCheckController(OneShotChecks checks) {
        this.checks = checks;
    }

    @PostMapping("/api/v1/checks/run")
    @Operation(summary = "Run a check now from every region, no monitor created",
            description = "Answers each region's result (status, phases, error) within timeoutMs + 5 s; regions that "
                    + "did not answer in time are NO_ANSWER. Nothing is stored. ADMIN or OWNER key; limited per "
                    + "workspace.")
    CheckReport run(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody CheckRunRequest request) {
        return checks.run(caller, request);
    }

    @PostMapping("/api/v1/monitors/{id}/trigger")
    @Operation(summary = "Run a monitor's check now in its regions",
            description = "Answers each region's result within timeoutMs + 5 s. The results are also stored in the "
                    + "monitor's results (kind ON_DEMAND) and never change its state or alert anyone.")
    CheckReport trigger(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return checks.trigger(caller, id);
    }
}
