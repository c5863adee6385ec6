package dev.vigil.api.web;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as problem+json with a message a person can act on: Spring MVC's own (405, 415, ...) through the base
 * class, bean-validation and unreadable JSON mapped to docs/api.md's {@code errors} list, and anything unexpected as a
 * 500 that says nothing about the internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final int MAX_ECHO = 100;
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), e.getDefaultMessage()))
                .toList();
        InvalidRequestException invalid = new InvalidRequestException(errors);
        return handleExceptionInternal(invalid, invalid.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestSizeLimitFilter.BodyTooLargeException tooLarge = causeOfType(ex,
                RequestSizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge.getMessage());
            problem.setTitle("Request too large");
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        InvalidRequestException invalid = new InvalidRequestException(List.of(describe(ex)));
        return handleExceptionInternal(invalid, invalid.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no "
                + ex.getHttpMethod() + " /" + clip(ex.getResourcePath()) + "; the API is described at /v3/api-docs.");
        problem.setTitle("Not found");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        InvalidRequestException invalid = InvalidRequestException.of(ex.getName(),
                "'" + clip(String.valueOf(ex.getValue())) + "' is not a valid " + simpleType(ex.getRequiredType()));
        return handleExceptionInternal(invalid, invalid.getBody(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A constraint of the database refused a write that validation let through: two requests racing for one unique
     * name, or a row deleted between check and write. The client can retry; it is not our failure, so not a 500.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException ex, WebRequest request) {
        log.warn("write refused by a database constraint request={} cause={}", request.getDescription(false),
                ex.getMostSpecificCause().getMessage());
        ConflictException conflict = new ConflictException("Conflict",
                "The change conflicts with a concurrent change; read the current state and try again.");
        return handleExceptionInternal(conflict, conflict.getBody(), new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("unhandled error request={}", request.getDescription(false), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; it has been logged.");
        problem.setTitle("Internal error");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /**
     * Every problem carries docs/api.md's full shape: {@code type} ({@code about:blank} unless more specific; Spring
     * leaves it out) and {@code instance} (the request path).
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                problem.setType(ABOUT_BLANK);
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                try {
                    problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
                } catch (IllegalArgumentException e) {
                    // A path that is not a valid URI reference is not worth echoing.
                }
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** Names the offending field of unreadable JSON where Jackson can tell it. */
    private static FieldProblem describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(path(unknown), "unknown field '" + clip(unknown.getPropertyName()) + "'");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldProblem(path(invalid), "'" + clip(String.valueOf(invalid.getValue()))
                    + "' is not a valid " + simpleType(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return new FieldProblem(path(mismatch), "expected " + simpleType(mismatch.getTargetType()));
        }
        if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            // e.g. a number too big for its field: name the field, say what is wrong with it.
            return new FieldProblem(path(json), clip(json.getOriginalMessage()));
        }
        if (cause instanceof JacksonException json) {
            return new FieldProblem("body", "malformed JSON: " + clip(json.getOriginalMessage()));
        }
        return new FieldProblem("body", "a JSON request body is required");
    }

    /** Keeps echoed input short: a hostile 1 MB value is not worth sending back. */
    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }

    private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : clip(path.toString());
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == java.util.UUID.class) {
            return "id (a UUID)";
        }
        if (type == java.time.Instant.class) {
            return "time (ISO-8601 UTC, e.g. 2030-01-31T12:00:00Z)";
        }
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }
}
