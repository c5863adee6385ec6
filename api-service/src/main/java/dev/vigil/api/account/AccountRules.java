package dev.vigil.api.account;

import dev.vigil.api.web.FieldProblems;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What an email address, a password and a workspace name must look like, with messages a person can act on. */
public final class AccountRules {

    public static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads at most 72 bytes of a password; a longer one would be silently cut, so it is refused. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MAX_WORKSPACE_NAME = 100;

    /** A deliberately plain shape: one @, a local part, and a domain with a dot; no spaces, no quotes. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z]{2,63}");

    private AccountRules() {
    }

    /** The address, trimmed; null when missing or invalid (with a problem recorded). */
    public static String email(FieldProblems problems, String field, String value) {
        String email = problems.requiredLine(field, value, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(field, field + " must be an email address such as ann@example.com");
            return null;
        }
        return email;
    }

    /** The password as given (never trimmed: spaces are part of it); null when missing or unacceptable. */
    public static String password(FieldProblems problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(field, field + " is required");
            return null;
        }
        if (value.codePointCount(0, value.length()) < MIN_PASSWORD_LENGTH) {
            problems.add(field, field + " must be at least " + MIN_PASSWORD_LENGTH + " characters");
            return null;
        }
        if (!problems.checkText(field, value, 200, false)) {
            return null;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add(field, field + " must be at most " + MAX_PASSWORD_BYTES
                    + " bytes (about 72 letters, fewer with accents or emoji)");
            return null;
        }
        return value;
    }

    public static String workspaceName(FieldProblems problems, String field, String value) {
        return problems.requiredLine(field, value, MAX_WORKSPACE_NAME);
    }
}
