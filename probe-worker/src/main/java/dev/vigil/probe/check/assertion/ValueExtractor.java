package dev.vigil.probe.check.assertion;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one value out of a response for a later step of a multi-step check, with the same protections assertions
 * have: JSON paths through {@link JsonValues} (depth limit, bounded filter regexes), regular expressions under the
 * same time budget ({@link BoundedRegex}), so a hostile response cannot hang a probe.
 */
public final class ValueExtractor {

    private ValueExtractor() {
    }

    /** The first value {@code path} selects in a JSON body. */
    public static String jsonPath(String body, String path) {
        try {
            List<String> values = JsonValues.select(body, path);
            if (values.isEmpty()) {
                throw new NotExtracted("the JSON path " + path + " selected nothing");
            }
            return values.getFirst();
        } catch (JsonValues.NotEvaluable e) {
            throw new NotExtracted(e.getMessage());
        }
    }

    /** The first value of a response header. */
    public static String header(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        if (values == null || values.isEmpty()) {
            throw new NotExtracted("the response has no header " + name);
        }
        return values.getFirst();
    }

    /** The first group of the first match of {@code pattern} in {@code text}, or the whole match when it has none. */
    public static String regex(String text, String pattern) {
        if (pattern.length() > BoundedRegex.MAX_PATTERN_LENGTH) {
            throw new NotExtracted("the pattern is longer than " + BoundedRegex.MAX_PATTERN_LENGTH + " characters");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new NotExtracted("the pattern is not a valid regular expression: " + e.getDescription());
        }
        Duration budget = AssertionEvaluator.REGEX_BUDGET;
        try {
            Matcher matcher = BoundedRegex.matcher(compiled, text, System.nanoTime() + budget.toNanos(), budget);
            if (matcher == null) {
                throw new NotExtracted("the pattern " + pattern + " did not match");
            }
            return matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
        } catch (BoundedRegex.RegexRefused e) {
            throw new NotExtracted(e.getMessage());
        }
    }

    /** Why a value could not be extracted: the step fails with this message. */
    public static final class NotExtracted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotExtracted(String message) {
            super(message, null, false, false);
        }
    }
}
