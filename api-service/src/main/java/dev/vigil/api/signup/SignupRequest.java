package dev.vigil.api.signup;

import dev.vigil.api.account.AccountRules;
import dev.vigil.api.web.FieldProblems;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/v1/signup}. */
@Schema(example = """
        {"email": "ann@example.com", "password": "correct horse battery", "workspace": "Ann's shop"}""")
public record SignupRequest(
        @Schema(description = "Sign-in address; unique regardless of case", example = "ann@example.com")
        String email,
        @Schema(description = "10 characters or more, at most 72 bytes", example = "correct horse battery")
        String password,
        @Schema(description = "Name of the new workspace", example = "Ann's shop")
        String workspace) {

    /** This request with its fields trimmed, or a 400 naming every invalid field. */
    public SignupRequest validated() {
        FieldProblems problems = new FieldProblems();
        String checkedEmail = AccountRules.email(problems, "email", email);
        String checkedPassword = AccountRules.password(problems, "password", password);
        String checkedWorkspace = AccountRules.workspaceName(problems, "workspace", workspace);
        problems.throwIfAny();
        return new SignupRequest(checkedEmail, checkedPassword, checkedWorkspace);
    }

    @Override
    public String toString() {
        return "SignupRequest[email=" + email + ", workspace=" + workspace + "]";
    }
}
