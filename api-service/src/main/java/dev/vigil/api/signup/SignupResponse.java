package dev.vigil.api.signup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The new workspace and its first API key (shown this once), and whether the address still needs verifying. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupResponse(UUID workspaceId, String apiKey,
                             @Schema(description = "PENDING until the link mailed to the address is followed: until "
                                     + "then the account joins no other workspace and receives no alerts; VERIFIED "
                                     + "when the address was proven (an invitation mailed to it)")
                             String emailVerification) {

    public static SignupResponse pendingVerification(UUID workspaceId, String apiKey) {
        return new SignupResponse(workspaceId, apiKey, "PENDING");
    }

    public static SignupResponse verified(UUID workspaceId, String apiKey) {
        return new SignupResponse(workspaceId, apiKey, "VERIFIED");
    }
}
