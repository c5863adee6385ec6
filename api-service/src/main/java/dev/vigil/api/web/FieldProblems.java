package dev.vigil.api.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a request, so a person sees them all in one answer, with the checks every piece of free
 * text gets: a length bound, valid Unicode (no lone surrogates, which PostgreSQL would silently mangle), and no NUL
 * or other control characters (PostgreSQL refuses NUL in text and JSON; elsewhere they hide content from people).
 */
public final class FieldProblems {

    private final List<FieldProblem> problems = new ArrayList<>();

    public void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Whether a problem was recorded for this field or one below it ({@code field.x}, {@code field[0]}). */
    public boolean has(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field) || p.field().startsWith(field + ".")
                || p.field().startsWith(field + "["));
    }

    public List<FieldProblem> list() {
        return List.copyOf(problems);
    }

    /** Throws the 400 of docs/api.md when any problem was recorded. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /**
     * A required one-line text, trimmed; null (with a problem recorded) when missing or invalid.
     */
    public String requiredLine(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, field + " is required");
            return null;
        }
        return optionalLine(field, value, maxLength);
    }

    /** An optional one-line text, trimmed; null when absent, blank, or invalid (then with a problem recorded). */
    public String optionalLine(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        return checkText(field, trimmed, maxLength, false) ? trimmed : null;
    }

    /** A text that may span lines (tabs and line breaks allowed), kept as given; null when invalid. */
    public String multiLine(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        return checkText(field, value, maxLength, true) ? value : null;
    }

    /** Records a problem and answers false when {@code value} breaks the text rules. */
    public boolean checkText(String field, String value, int maxLength, boolean lineBreaksAllowed) {
        if (value.length() > maxLength) {
            add(field, field + " must be at most " + maxLength + " characters (it has " + value.length() + ")");
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairStart) {
                i++;
            } else if (Character.isSurrogate(c)) {
                add(field, field + " is not valid Unicode text (it contains a lone surrogate at position " + i + ")");
                return false;
            } else if (c == 0) {
                add(field, field + " must not contain NUL characters");
                return false;
            } else if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
                add(field, field + " must not contain control characters" + (lineBreaksAllowed ? ""
                        : " or line breaks") + " (found U+" + String.format("%04X", (int) c) + " at position "
                        + i + ")");
                return false;
            }
        }
        return true;
    }
}
