package dev.vigil.api.heartbeat;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A heartbeat monitor's ping history; any role may read it. */
@RestController
@Tag(name = "Monitors")
class PingHistoryController {

    private final PingHistory history;

    PingHistoryController(PingHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/monitors/{id}/pings")
    @Operation(summary = "A HEARTBEAT monitor's pings, newest first",
            description = "kind (BEAT, FAIL, START), receivedAt, durationMs (of the run a BEAT or FAIL ends, from its "
                    + "START), exitCode, sourceIp, userAgent, the first 200 characters of the body. 404 for other "
                    + "types.")
    Paging.Items<PingHistory.Ping> list(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        if (!history.isHeartbeat(caller.workspaceId(), id)) {
            throw new NotFoundException("heartbeat monitor");
        }
        return paging.items(history.newest(caller.workspaceId(), id, paging.offset(), paging.size()),
                history.count(caller.workspaceId(), id));
    }

    @GetMapping("/api/v1/monitors/{id}/pings/{pingId}/body")
    @Operation(summary = "The body one ping carried (the job's log), as text, at most 10 KB")
    ResponseEntity<String> body(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                @PathVariable long pingId) {
        String body = history.body(caller.workspaceId(), id, pingId)
                .orElseThrow(() -> new NotFoundException("ping"));
        // Plain text and nosniff: the body is whatever the job printed; no browser may treat it as a page.
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff").body(body);
    }
}
