package dev.vigil.api.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/signup}. */
public record SignupRequest(
        @NotBlank(message = "email is required") @Email(message = "email must be a valid address")
        @Size(max = 254, message = "email must be at most 254 characters") String email,
        @NotBlank(message = "password is required")
        @Size(min = 10, max = 200, message = "password must be 10 to 200 characters") String password,
        @NotBlank(message = "workspace is required")
        @Size(max = 100, message = "workspace must be at most 100 characters") String workspace) {

    @Override
    public String toString() {
        return "SignupRequest[email=" + email + ", workspace=" + workspace + "]";
    }
}
