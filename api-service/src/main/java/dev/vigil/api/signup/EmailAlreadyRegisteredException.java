package dev.vigil.api.signup;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: an account with this email exists. */
public class EmailAlreadyRegisteredException extends ErrorResponseException {

    EmailAlreadyRegisteredException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "An account with this email already exists; sign in instead.");
        problem.setTitle("Email already registered");
        return problem;
    }
}
