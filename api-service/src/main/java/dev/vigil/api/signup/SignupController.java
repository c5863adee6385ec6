package dev.vigil.api.signup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class SignupController {

    private final AccountRegistrar registrar;

    SignupController(AccountRegistrar registrar) {
        this.registrar = registrar;
    }

    @PostMapping("/api/v1/signup")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Create an account and its workspace",
            description = "No key needed. Answers the new workspace's id and a first API key with the OWNER role, "
                    + "shown this once. 409 if the email is registered. Limited per client IP (429 with Retry-After).")
    SignupResponse signup(@RequestBody SignupRequest request) {
        return registrar.register(request.validated());
    }
}
