package dev.vigil.api.verification;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class EmailVerificationController {

    private final EmailVerifications verifications;

    EmailVerificationController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    /** Whether the key's person has a confirmed address, and whether a new link was mailed now. */
    record VerificationStatus(@Schema(example = "PENDING") String emailVerification, boolean mailed) {
    }

    @PostMapping("/api/v1/account/email-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a new address confirmation link",
            description = "To the person who made the calling key, if their address is not confirmed yet and no "
                    + "link went out in the last minute; older links stop working. Answers whether the address is "
                    + "confirmed and whether a mail went out.")
    VerificationStatus resend(@AuthenticationPrincipal ApiPrincipal caller) {
        boolean mailed = verifications.resend(caller.userId());
        return new VerificationStatus(verifications.isVerified(caller.userId()) ? "VERIFIED" : "PENDING", mailed);
    }
}
