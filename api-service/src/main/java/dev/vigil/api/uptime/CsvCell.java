package dev.vigil.api.uptime;

/**
 * One CSV field, quoted where RFC 4180 needs it and defused against formula injection: a spreadsheet opening the
 * export runs a cell starting with {@code = + - @} (or a tab or carriage return, which some strip before looking) as
 * a formula. Error messages come from the checked target, which a hostile tenant controls, and a teammate opens the
 * file, so such text cells get a leading {@code '} (OWASP's advice: shown as text, the character itself hidden).
 * Numbers and booleans are written as they are: a negative number is a number, not a formula.
 */
final class CsvCell {

    private CsvCell() {
    }

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && startsLikeAFormula(text)) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static boolean startsLikeAFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
