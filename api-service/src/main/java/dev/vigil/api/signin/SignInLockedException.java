package dev.vigil.api.signin;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429: too many failed sign-ins to this address; {@code Retry-After} says when the next attempt is looked at. */
public class SignInLockedException extends ErrorResponseException {

    public SignInLockedException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfter), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
    }

    public static String message(Duration retryAfter) {
        return "Too many failed sign-ins to this address; try again in " + seconds(retryAfter) + " seconds, or "
                + "reset the password.";
    }

    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static ProblemDetail problem(Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, message(retryAfter));
        problem.setTitle("Sign-in locked");
        return problem;
    }
}
