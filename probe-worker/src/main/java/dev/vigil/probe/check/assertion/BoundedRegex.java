package dev.vigil.probe.check.assertion;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular-expression matching that cannot hang a worker. Java's engine backtracks, so a pattern such as
 * {@code (a+)+$} on a long input would run for ages; the input handed to the matcher checks a deadline as it is read
 * and aborts the match once it has passed. Input size is bounded before (bodies are read up to a limit).
 */
final class BoundedRegex {

    static final int MAX_PATTERN_LENGTH = 1000;

    private BoundedRegex() {
    }

    /** Whether {@code pattern} is found anywhere in {@code input} (anchor it with ^ and $ to match all of it). */
    static boolean find(String pattern, CharSequence input, Duration budget) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new RegexRefused("the pattern is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new RegexRefused("the pattern is not a valid regular expression: " + e.getDescription());
        }
        return find(compiled, input, System.nanoTime() + budget.toNanos(), budget);
    }

    /** Whether {@code pattern} is found in {@code input} before {@code deadline} ({@link System#nanoTime()}). */
    static boolean find(Pattern pattern, CharSequence input, long deadline, Duration budget) {
        try {
            return pattern.matcher(new DeadlineCharSequence(input, deadline)).find();
        } catch (DeadlinePassed e) {
            throw exceeded(budget);
        } catch (StackOverflowError e) {
            throw new RegexRefused("the regex recursed too deeply on this input");
        }
    }

    /** The first match of {@code pattern} in {@code input} found before {@code deadline}, or null for none. */
    static Matcher matcher(Pattern pattern, CharSequence input, long deadline, Duration budget) {
        try {
            Matcher matcher = pattern.matcher(new DeadlineCharSequence(input, deadline));
            return matcher.find() ? matcher : null;
        } catch (DeadlinePassed e) {
            throw exceeded(budget);
        } catch (StackOverflowError e) {
            throw new RegexRefused("the regex recursed too deeply on this input");
        }
    }

    /** Whether {@code pattern} matches all of {@code input} before {@code deadline} ({@link System#nanoTime()}). */
    static boolean matches(Pattern pattern, CharSequence input, long deadline, Duration budget) {
        try {
            return pattern.matcher(new DeadlineCharSequence(input, deadline)).matches();
        } catch (DeadlinePassed e) {
            throw exceeded(budget);
        } catch (StackOverflowError e) {
            throw new RegexRefused("the regex recursed too deeply on this input");
        }
    }

    private static RegexRefused exceeded(Duration budget) {
        return new RegexRefused("regex exceeded its time budget (" + budget.toMillis() + " ms) on this input");
    }

    /** Why a pattern could not be evaluated; the assertion fails with this message. */
    static final class RegexRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RegexRefused(String message) {
            super(message, null, false, false);
        }
    }

    private static final class DeadlinePassed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super(null, null, false, false);
        }
    }

    /** Looks at the clock every few thousand character reads: cheap, and backtracking reads a lot. */
    private static final class DeadlineCharSequence implements CharSequence {

        private static final long YIELD_EVERY_NANOS = 5_000_000;

        private final CharSequence text;
        private final long deadline;
        private int reads;
        private long lastYield = System.nanoTime();

        DeadlineCharSequence(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new DeadlinePassed();
                }
                // Virtual threads are not preempted: a long match would hold its carrier (one of a few, one per
                // core) and stall every other check. Giving it up every few milliseconds shares the cores.
                if (now - lastYield > YIELD_EVERY_NANOS) {
                    lastYield = now;
                    Thread.yield();
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineCharSequence(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
