package dev.vigil.probe.check.assertion;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tenant's regular expression for check types outside HTTP assertions (an expected WebSocket message, a database
 * answer), matched the way body assertions are: bounded in time by {@link BoundedRegex}, so a backtracking pattern
 * cannot hang the probe.
 */
public final class TextPattern {

    private final Pattern pattern;

    private TextPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** {@code regex} compiled, or a {@link Refused} saying why it cannot be used. */
    public static TextPattern compile(String regex) {
        if (regex.length() > BoundedRegex.MAX_PATTERN_LENGTH) {
            throw new Refused("the pattern is longer than " + BoundedRegex.MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return new TextPattern(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new Refused("the pattern is not a valid regular expression: " + e.getDescription());
        }
    }

    /** Whether the pattern is found in {@code text} within the assertions' regex budget; {@link Refused} if not known. */
    public boolean foundIn(CharSequence text) {
        Duration budget = AssertionEvaluator.REGEX_BUDGET;
        try {
            return BoundedRegex.find(pattern, text, System.nanoTime() + budget.toNanos(), budget);
        } catch (BoundedRegex.RegexRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** Why a pattern could not be used or evaluated; the check fails with this message. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
