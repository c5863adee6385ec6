package dev.vigil.api.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 400 with the {@code errors} list of docs/api.md: every invalid field, each with a message a person can act on. */
public class InvalidRequestException extends ErrorResponseException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    private static ProblemDetail problem(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                        : errors.size() + " fields are invalid; see errors.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
