package dev.vigil.common.plugin;

import java.util.regex.Pattern;

/**
 * The kinds of value a plugin option takes. None admits a path on the worker's file system, a quote or a space
 * (except TEXT, which has no slash-led form), so a value cannot smuggle in another option or a file to read.
 */
public enum ArgumentKind {
    /** No value: {@code -4}, {@code --ssl}. */
    FLAG(null, "takes no value"),
    /** A host name or IP address; probes vet it with the target guard. */
    HOST(Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]{1,44}"),
            "a host name or IP address"),
    /** A TCP or UDP port. */
    PORT(Pattern.compile("[1-9][0-9]{0,4}"), "a port (1 to 65535)"),
    /** A whole number. */
    INTEGER(Pattern.compile("[0-9]{1,9}"), "a whole number"),
    /** A decimal number. */
    NUMBER(Pattern.compile("-?[0-9]{1,9}(\\.[0-9]{1,6})?"), "a number"),
    /** A Nagios threshold or list of them: {@code 10:20}, {@code @~:5}, {@code 100,20%}, {@code 30,14}. */
    RANGE(Pattern.compile("[0-9.:~@%,-]{1,40}"), "a threshold such as 10, 10:20, @~:5 or 100,20%"),
    /** A plain name (database, user): letters, digits, {@code _ . -}. */
    NAME(Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}"), "a plain name (letters, digits, '_', '.', '-')"),
    /** A password or token: no spaces, quotes or backslashes, so it cannot break out of a connection string. */
    SECRET(Pattern.compile("[A-Za-z0-9_@#%+=.,:!~^*$-]{1,128}"),
            "a secret without spaces, quotes or backslashes"),
    /** A path on the target's web server, starting with {@code /}. */
    URL_PATH(Pattern.compile("/[!-~&&[^\"'\\\\`]]{0,500}"), "a URL path starting with /"),
    /** Free text sent to or expected from the target (a banner, a string to find); not starting with / or -. */
    TEXT(Pattern.compile("[^/\\-\\p{Cntrl}][^\\p{Cntrl}]{0,255}"), "text without control characters, not starting "
            + "with '/' or '-'"),
    /** One of a fixed set of words, listed after the kind: {@code choice:ok/warning/critical}. */
    CHOICE(null, "one of a fixed set of words");

    private final Pattern pattern;
    private final String description;

    ArgumentKind(Pattern pattern, String description) {
        this.pattern = pattern;
        this.description = description;
    }

    /** Whether {@code value} is of this kind (CHOICE and FLAG are judged by their option). */
    boolean accepts(String value) {
        if (pattern == null || !pattern.matcher(value).matches()) {
            return false;
        }
        return this != PORT || Integer.parseInt(value) <= 65535;
    }

    String description() {
        return description;
    }
}
