package dev.vigil.api.account;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignupController {

    private final AccountRegistrar registrar;

    SignupController(AccountRegistrar registrar) {
        this.registrar = registrar;
    }

    @PostMapping("/api/v1/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signup(@Valid @RequestBody SignupRequest request) {
        return registrar.register(request);
    }
}
