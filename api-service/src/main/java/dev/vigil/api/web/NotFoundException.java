package dev.vigil.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 404. Also the answer for a resource of another workspace: docs/api.md wants it indistinguishable from a missing one,
 * so the message never says which.
 */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, problem(what), null);
    }

    private static ProblemDetail problem(String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such " + what + ".");
        problem.setTitle("Not found");
        return problem;
    }
}
