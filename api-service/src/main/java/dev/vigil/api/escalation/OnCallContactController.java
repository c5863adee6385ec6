package dev.vigil.api.escalation;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/oncall-contacts}: the HTTP face of {@link OnCallContacts}. */
@RestController
@RequestMapping("/api/v1/oncall-contacts")
@Tag(name = "Escalation")
class OnCallContactController {

    private final OnCallContacts contacts;

    OnCallContactController(OnCallContacts contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    @Operation(summary = "How each workspace member is paged when on call")
    ContactList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new ContactList(contacts.list(caller));
    }

    @GetMapping("/{userId}")
    @Operation(summary = "How one member is paged when on call")
    OnCallContacts.ContactView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID userId) {
        return contacts.get(caller, userId);
    }

    @PutMapping("/{userId}")
    @Operation(summary = "Set how a member is paged when on call", description = "channelIds: up to 10 alert "
            + "channels of the workspace, of any type; byEmail (default true): their verified email too. One of the "
            + "two is required.")
    OnCallContacts.ContactView put(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID userId,
                                   @RequestBody EscalationRequests.Contact request) {
        return contacts.put(caller, userId, request);
    }

    record ContactList(List<OnCallContacts.ContactView> items) {
    }
}
