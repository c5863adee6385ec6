package dev.vigil.api.escalation;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/oncall-rotations}: the HTTP face of {@link OnCallRotations}. */
@RestController
@RequestMapping("/api/v1/oncall-rotations")
@Tag(name = "Escalation")
class OnCallRotationController {

    private final OnCallRotations rotations;

    OnCallRotationController(OnCallRotations rotations) {
        this.rotations = rotations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an on-call rotation", description = "Members (user ids of workspace members) take "
            + "turns from startsAt, one per day (DAILY) or week (WEEKLY). Escalation levels name it; its current "
            + "member gets the level's alerts by email.")
    OnCallRotations.RotationView create(@AuthenticationPrincipal ApiPrincipal caller,
                                        @RequestBody EscalationRequests.Rotation request) {
        return rotations.create(caller, request);
    }

    @GetMapping
    @Operation(summary = "List the workspace's on-call rotations")
    RotationList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new RotationList(rotations.list(caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One on-call rotation, with who is on call now")
    OnCallRotations.RotationView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return rotations.get(caller, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an on-call rotation", description = "Escalation levels naming it alert their "
            + "channels only.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        rotations.delete(caller, id);
    }

    record RotationList(List<OnCallRotations.RotationView> items) {
    }
}
