package dev.vigil.api.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.identity.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A member of the workspace. {@code invitation} is present only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberView(UUID userId, String email, Role role,
                         @Schema(description = "ACTIVE, or INVITED while the person has not accepted yet")
                         String status, Instant joinedAt, InvitationView invitation) {

    MemberView withInvitation(InvitationView newInvitation) {
        return new MemberView(userId, email, role, status, joinedAt, newInvitation);
    }

    /**
     * A one-time token for a person with no account yet: give it to them; they choose a password with
     * {@code POST /api/v1/invitations/accept} and receive an API key of this workspace.
     */
    public record InvitationView(
            @Schema(description = "Shown this once", example = "vgi_Q2hvb3NlIGEgcGFzc3dvcmQgbm93IQab")
            String token, Instant expiresAt, String acceptWith) {

        @Override
        public String toString() {
            return "InvitationView[expiresAt=" + expiresAt + "]";
        }
    }
}
