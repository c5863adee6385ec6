package dev.vigil.api.member;

import dev.vigil.api.signup.SignupResponse;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Members", description = "People in the workspace and their roles: OWNER, ADMIN, VIEWER.")
class MemberController {

    private final MemberRoster roster;
    private final InvitationAcceptor acceptor;

    MemberController(MemberRoster roster, InvitationAcceptor acceptor) {
        this.roster = roster;
        this.acceptor = acceptor;
    }

    @GetMapping("/api/v1/members")
    @Operation(summary = "List members, invited ones included")
    Paging.Items<MemberView> list(@AuthenticationPrincipal ApiPrincipal caller,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return roster.list(caller.workspaceId(), Paging.of(page, size));
    }

    @GetMapping("/api/v1/members/{userId}")
    @Operation(summary = "One member")
    MemberView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID userId) {
        return roster.get(caller.workspaceId(), userId);
    }

    @PostMapping("/api/v1/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a person by email",
            description = "Mails the address an invitation (status INVITED); nobody joins without accepting it, "
                    + "and the answer is the same whether or not the address has an account. The link is in the "
                    + "mail only. Inviting a pending address again mails a new link (the older one stops working). "
                    + "409 if already a member; only an owner may add an owner.")
    MemberView add(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody MemberRequests.AddMember request) {
        return roster.add(caller, request);
    }

    @PutMapping("/api/v1/members/{userId}")
    @Operation(summary = "Change a member's role",
            description = "Takes effect on their API keys at once. An admin may not change an owner or make one; "
                    + "the last owner cannot be demoted (409).")
    MemberView changeRole(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID userId,
                          @RequestBody MemberRequests.ChangeRole request) {
        return roster.changeRole(caller, userId, request);
    }

    @DeleteMapping("/api/v1/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member",
            description = "Their API keys in this workspace are revoked. The last owner cannot be removed (409).")
    void remove(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID userId) {
        roster.remove(caller, userId);
    }

    @PostMapping("/api/v1/invitations/accept")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Accept an invitation",
            description = "No key needed: the token (from the invitation mail) is the secret. For an address "
                    + "without an account, creates it with this password; for an address with one, the password "
                    + "must be that account's (failures count toward its sign-in lock-out: 429) and its address "
                    + "verified (403). Answers a first API key of the workspace, with the invited role. Limited per "
                    + "client IP like sign-up.")
    SignupResponse accept(@RequestBody MemberRequests.AcceptInvitation request) {
        return acceptor.accept(request);
    }
}
