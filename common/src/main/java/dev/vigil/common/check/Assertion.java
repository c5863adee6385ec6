package dev.vigil.common.check;

/**
 * One condition on a check's outcome, e.g. {@code STATUS_CODE EQUALS 200} or {@code JSON_PATH $.status EQUALS up}.
 *
 * @param source     what is inspected
 * @param path       the header name or JSON path, for the sources that need one; else null
 * @param comparison how the inspected value is compared with {@code target}
 * @param target     the expected value, as text (numbers are parsed for the numeric comparisons)
 */
public record Assertion(AssertionSource source, String path, Comparison comparison, String target) {

    public static Assertion of(AssertionSource source, Comparison comparison, String target) {
        return new Assertion(source, null, comparison, target);
    }

    /** A readable form for failure messages: {@code JSON_PATH $.status EQUALS "up"}. */
    public String describe() {
        return source + (path == null ? "" : " " + path) + " " + comparison + " \"" + target + "\"";
    }
}
