package dev.vigil.api.member;

import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the member endpoints. */
public final class MemberRequests {

    private MemberRequests() {
    }

    /** {@code POST /api/v1/members}. */
    @Schema(example = "{\"email\": \"bob@example.com\", \"role\": \"ADMIN\"}")
    public record AddMember(@Schema(example = "bob@example.com") String email,
                     @Schema(description = "OWNER, ADMIN or VIEWER; only an owner may add an owner",
                             example = "ADMIN") String role) {
    }

    /** {@code PUT /api/v1/members/{userId}}. */
    @Schema(example = "{\"role\": \"VIEWER\"}")
    public record ChangeRole(@Schema(example = "VIEWER") String role) {
    }

    /** {@code POST /api/v1/invitations/accept}. */
    @Schema(example = "{\"token\": \"vgi_Q2hvb3NlIGEgcGFzc3dvcmQgbm93IQab\", \"password\": \"correct horse battery\"}")
    record AcceptInvitation(String token, String password) {

        @Override
        public String toString() {
            return "AcceptInvitation[…]";
        }
    }
}
