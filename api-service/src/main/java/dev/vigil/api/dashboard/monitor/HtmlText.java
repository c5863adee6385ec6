package dev.vigil.api.dashboard.monitor;

/**
 * Text written into markup as text: {@code < > & " '} as character references, so a tenant's name or a target's
 * error can neither close an attribute nor open an element. The same references as Spring's
 * {@code HtmlUtils.htmlEscape(text, "UTF-8")} (the page is UTF-8, so nothing else needs one), appended where the
 * markup is being built: the monitor list escapes some 2,700 values a page, and a new string per value was a
 * visible part of its CPU (bench/README.md).
 */
final class HtmlText {

    private HtmlText() {
    }

    /** {@code text} escaped onto {@code out}; nothing for null. */
    static StringBuilder escape(StringBuilder out, String text) {
        if (text == null) {
            return out;
        }
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            String reference = reference(text.charAt(i));
            if (reference != null) {
                out.append(text, from, i).append(reference);
                from = i + 1;
            }
        }
        return out.append(text, from, text.length());
    }

    /** {@code text} escaped; an empty string for null. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i < text.length(); i++) {
            if (reference(text.charAt(i)) != null) {
                return escape(new StringBuilder(text.length() + 16), text).toString();
            }
        }
        return text;
    }

    private static String reference(char c) {
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
