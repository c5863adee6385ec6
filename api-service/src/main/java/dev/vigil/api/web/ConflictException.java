package dev.vigil.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: the request is well-formed but clashes with what exists (a duplicate, the last owner, a full quota). */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT, problem(title, detail), null);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        return problem;
    }
}
