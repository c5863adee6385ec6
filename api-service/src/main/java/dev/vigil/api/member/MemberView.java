package dev.vigil.api.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.identity.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A member of the workspace, or a pending invitation (status INVITED, {@code userId} the invitation's id).
 * {@code invitation} is present only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberView(@Schema(description = "The member's user id, or the invitation's id while INVITED")
                         UUID userId, String email, Role role,
                         @Schema(description = "ACTIVE, or INVITED until the person accepts the invitation mailed "
                                 + "to them; the same whether or not the address has an account")
                         String status,
                         @Schema(description = "When they joined, or were invited") Instant joinedAt,
                         InvitationView invitation) {

    MemberView withInvitation(InvitationView newInvitation) {
        return new MemberView(userId, email, role, status, joinedAt, newInvitation);
    }

    /**
     * The invitation just mailed to the address. Its link is in that mail only: the person accepts it signed in as
     * (or creating) the account of that address.
     */
    public record InvitationView(Instant expiresAt,
                                 @Schema(example = "MAILED") String delivery) {
    }
}
