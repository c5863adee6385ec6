package dev.vigil.api.subscription;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A status page's subscribers, for its workspace: listed, counted and removed ({@link SubscriberRoster}). */
@RestController
@RequestMapping("/api/v1/status-pages/{pageId}/subscribers")
class SubscriberController {

    private final SubscriberRoster roster;

    SubscriberController(SubscriberRoster roster) {
        this.roster = roster;
    }

    @GetMapping
    @Operation(summary = "List a status page's subscribers, newest first",
            description = "status=confirmed or pending narrows the list. A webhook is shown by its origin only.")
    Paging.Items<SubscriberView> list(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID pageId,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        SubscriberRoster.State state = SubscriberRoster.State.parse("status", status);
        return roster.list(caller, pageId, state, Paging.of(page, size));
    }

    @GetMapping("/counts")
    @Operation(summary = "How many subscribers a status page has, confirmed and pending")
    SubscriberRoster.Counts counts(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID pageId) {
        return roster.counts(caller, pageId);
    }

    @GetMapping("/{subscriberId}")
    @Operation(summary = "One subscriber of a status page")
    SubscriberView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID pageId,
                       @PathVariable UUID subscriberId) {
        return roster.get(caller, pageId, subscriberId);
    }

    @DeleteMapping("/{subscriberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a subscriber", description = "Nothing more is sent to it, queued messages included. "
            + "The subscriber is not told; it may subscribe again on the public page.")
    void remove(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID pageId,
                @PathVariable UUID subscriberId) {
        roster.remove(caller, pageId, subscriberId);
    }
}
