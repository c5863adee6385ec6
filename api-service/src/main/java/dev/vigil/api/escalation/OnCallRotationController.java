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
import org.springframework.web.bind.annotation.PutMapping;
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
    private final OnCallOverrides overrides;

    OnCallRotationController(OnCallRotations rotations, OnCallOverrides overrides) {
        this.rotations = rotations;
        this.overrides = overrides;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an on-call rotation", description = "Members (user ids of workspace members) take "
            + "turns from startsAt, one per day (DAILY) or week (WEEKLY). Escalation levels name it; its current "
            + "member is paged by their on-call contact (channels of any type and/or email).")
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
    @Operation(summary = "One on-call rotation, with who is on call now and the next hand-over", description =
            "onCallNow is an override's member while one runs (onCallOverrideId names it), else the scheduled "
                    + "member; nextHandover is when somebody else is next on call, and who (null: never).")
    OnCallRotations.RotationView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return rotations.get(caller, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace an on-call rotation's name, hand-over, start and members",
            description = "Its overrides stay.")
    OnCallRotations.RotationView update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                        @RequestBody EscalationRequests.Rotation request) {
        return rotations.update(caller, id, request);
    }

    @PostMapping("/{id}/overrides")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an override: a member covers a span", description = "memberId (a workspace member) is "
            + "on call from startsAt until endsAt (at most 90 days, ending in the future), replacing whoever is "
            + "scheduled; of overlapping overrides the newest wins.")
    OnCallOverrides.OverrideView addOverride(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                             @RequestBody EscalationRequests.OverrideShift request) {
        return overrides.create(caller, id, request);
    }

    @GetMapping("/{id}/overrides")
    @Operation(summary = "A rotation's overrides that have not ended, by start")
    OverrideList overrides(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return new OverrideList(overrides.list(caller, id));
    }

    @DeleteMapping("/{id}/overrides/{overrideId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an override")
    void deleteOverride(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                        @PathVariable UUID overrideId) {
        overrides.delete(caller, id, overrideId);
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

    record OverrideList(List<OnCallOverrides.OverrideView> items) {
    }
}
