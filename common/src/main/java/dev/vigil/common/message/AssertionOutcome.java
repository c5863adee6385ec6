package dev.vigil.common.message;

import dev.vigil.common.check.Assertion;

/**
 * How one assertion fared: the value actually seen and, when it failed, a message a person can act on
 * ({@code expected status 200 but was 503}).
 */
public record AssertionOutcome(Assertion assertion, boolean passed, String actual, String message) {

    public static AssertionOutcome passed(Assertion assertion, String actual) {
        return new AssertionOutcome(assertion, true, actual, null);
    }

    public static AssertionOutcome failed(Assertion assertion, String actual, String message) {
        return new AssertionOutcome(assertion, false, actual, message);
    }
}
