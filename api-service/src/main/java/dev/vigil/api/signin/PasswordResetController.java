package dev.vigil.api.signin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    /** {@code POST /api/v1/password-reset}. */
    @Schema(example = "{\"email\": \"ann@example.com\"}")
    record ResetRequest(String email) {
    }

    /** {@code POST /api/v1/password-reset/complete}. */
    @Schema(example = "{\"token\": \"vgr_...\", \"password\": \"a new long password\"}")
    record ResetCompletion(String token, String password) {

        @Override
        public String toString() {
            return "ResetCompletion[…]";
        }
    }

    /** The same answer for every well-formed address. */
    record ResetRequested(String status) {
    }

    @PostMapping("/api/v1/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @Operation(summary = "Ask for a password reset link",
            description = "No key needed. If the address has an account, a single-use link (1 h) is mailed to it. "
                    + "The answer is the same whether or not it has one. Limited per client IP like sign-up.")
    ResetRequested request(@RequestBody ResetRequest request) {
        resets.request(request.email());
        return new ResetRequested("If an account has this address, a reset link is on its way to it.");
    }

    @PostMapping("/api/v1/password-reset/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Set a new password with a reset link's token",
            description = "No key needed: the token from the mail is the secret, and works once. Ends every "
                    + "dashboard session of the account. 400 naming token or password when either is not right.")
    void complete(@RequestBody ResetCompletion request) {
        resets.complete(request.token() == null ? null : request.token().strip(), request.password());
    }
}
