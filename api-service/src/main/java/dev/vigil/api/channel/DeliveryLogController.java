package dev.vigil.api.channel;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of {@link DeliveryLog}, per channel and per incident. */
@RestController
class DeliveryLogController {

    private final DeliveryLog deliveries;

    DeliveryLogController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/v1/alert-channels/{id}/deliveries")
    @Operation(summary = "A channel's delivery log, newest first")
    DeliveryLog.DeliveryList ofChannel(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                       @RequestParam(defaultValue = "100") int limit) {
        return deliveries.ofChannel(caller, id, limit);
    }

    @GetMapping("/api/v1/incidents/{id}/deliveries")
    @Operation(summary = "Every delivery of an incident's notifications, newest first")
    DeliveryLog.DeliveryList ofIncident(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                        @RequestParam(defaultValue = "100") int limit) {
        return deliveries.ofIncident(caller, id, limit);
    }
}
