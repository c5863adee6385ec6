package dev.vigil.cli.imports;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatus conditions ({@code [STATUS] == 200}, {@code [BODY].status == UP}, {@code [RESPONSE_TIME] < 300}, ...) as
 * Vigil assertions. A condition either becomes an assertion, is implied by the check itself ({@code [CONNECTED] ==
 * true}), sets a certificate or domain registration threshold, becomes a WebSocket's {@code expect}, or is reported
 * as not mappable with the reason.
 */
final class GatusConditions {

    private static final Pattern CONDITION = Pattern.compile(
            "^\\s*\\[([A-Z_]+)\\]((?:\\.[^\\s=!<>]+)?)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*$");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Map<String, String> COMPARISONS = Map.of("==", "EQUALS", "!=", "NOT_EQUALS",
            "<", "LESS_THAN", ">", "GREATER_THAN");

    private GatusConditions() {
    }

    /** What a condition became. Exactly one of the fields is set. */
    record Outcome(Map<String, String> assertion, Integer minDaysValid, Integer domainDays, String expect,
                   boolean implied, String unmapped) {

        static Outcome assertion(String source, String path, String comparison, String target) {
            java.util.LinkedHashMap<String, String> a = new java.util.LinkedHashMap<>();
            a.put("source", source);
            if (path != null) {
                a.put("path", path);
            }
            a.put("comparison", comparison);
            a.put("target", target);
            return new Outcome(a, null, null, null, false, null);
        }

        static Outcome no(String reason) {
            return new Outcome(null, null, null, null, false, reason);
        }

        static Outcome impliedByTheCheck() {
            return new Outcome(null, null, null, null, true, null);
        }
    }

    /** @param type the Vigil type of the monitor the condition belongs to (HTTP, TCP, TLS, DNS, UDP, ...) */
    static Outcome convert(String condition, String type) {
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) {
            return Outcome.no("only [PLACEHOLDER] <op> value conditions map (functions such as len() and has() "
                    + "do not)");
        }
        String placeholder = m.group(1);
        String path = m.group(2).isEmpty() ? null : m.group(2);
        String op = m.group(3);
        String value = unquote(m.group(4));
        if (value.startsWith("any(")) {
            return Outcome.no("any(...) has no Vigil equivalent; use one assertion per value you need");
        }
        return switch (placeholder) {
            case "STATUS" -> numeric("STATUS_CODE", op, value, type.equals("HTTP"));
            case "RESPONSE_TIME" -> op.equals("==") || op.equals("!=")
                    ? Outcome.no("response time is compared with < or > only")
                    : numeric("RESPONSE_TIME_MS", op, value, true);
            case "BODY" -> body(path, op, value, type);
            case "CONNECTED" -> value.equals("true") && op.equals("==") ? Outcome.impliedByTheCheck()
                    : Outcome.no("a Vigil check fails when it cannot connect; there is no condition on it");
            case "DNS_RCODE" -> value.equals("NOERROR") && op.equals("==") && type.equals("DNS")
                    ? Outcome.impliedByTheCheck()
                    : Outcome.no("only [DNS_RCODE] == NOERROR (what a DNS check expects) maps");
            case "CERTIFICATE_EXPIRATION" -> certificate(op, value);
            case "DOMAIN_EXPIRATION" -> domain(op, value);
            default -> Outcome.no("[" + placeholder + "] has no Vigil equivalent");
        };
    }

    private static Outcome numeric(String source, String op, String value, boolean applies) {
        if (!applies) {
            return Outcome.no(source + " applies to HTTP monitors only");
        }
        if (!INTEGER.matcher(value).matches()) {
            return Outcome.no("'" + value + "' is not a whole number");
        }
        long n = Long.parseLong(value);
        return switch (op) {
            // Whole numbers: <= n is < n + 1, >= n is > n - 1.
            case "<=" -> Outcome.assertion(source, null, "LESS_THAN", String.valueOf(n + 1));
            case ">=" -> Outcome.assertion(source, null, "GREATER_THAN", String.valueOf(n - 1));
            default -> Outcome.assertion(source, null, COMPARISONS.get(op), value);
        };
    }

    private static Outcome body(String path, String op, String value, String type) {
        boolean pattern = value.startsWith("pat(") && value.endsWith(")");
        String text = pattern ? value.substring(4, value.length() - 1) : value;
        if (type.equals("DNS")) {
            return path == null && op.equals("==") && !pattern
                    ? Outcome.assertion("DNS_ANSWER", null, "CONTAINS", text)
                    : Outcome.no("a DNS answer maps only from [BODY] == value");
        }
        if (type.equals("WEBSOCKET")) {
            return path == null && op.equals("==")
                    ? new Outcome(null, null, null, pattern ? glob(text) : "^" + Pattern.quote(text) + "$", false,
                    null)
                    : Outcome.no("a WebSocket message maps only from [BODY] == value or pat(...) (to expect)");
        }
        if (type.equals("UDP") && path != null) {
            return Outcome.no("a UDP reply is compared whole; a JSON path does not map");
        }
        if (!type.equals("HTTP") && !type.equals("UDP")) {
            return Outcome.no("[BODY] applies to HTTP, DNS, UDP and WebSocket monitors");
        }
        String source = path == null ? "BODY" : "JSON_PATH";
        String jsonPath = path == null ? null : "$" + path;
        if (pattern) {
            if (!op.equals("==") && !op.equals("!=")) {
                return Outcome.no("pat() is compared with == or !=");
            }
            String inner = text.length() > 1 && text.startsWith("*") && text.endsWith("*")
                    ? text.substring(1, text.length() - 1) : null;
            if (inner != null && !inner.contains("*") && !inner.contains("?")) {
                return Outcome.assertion(source, jsonPath, op.equals("==") ? "CONTAINS" : "NOT_CONTAINS", inner);
            }
            return op.equals("==") ? Outcome.assertion(source, jsonPath, "MATCHES", glob(text))
                    : Outcome.no("a negated pattern other than *text* has no Vigil equivalent");
        }
        if (op.equals("<=") || op.equals(">=")) {
            return INTEGER.matcher(value).matches() ? numericBody(source, jsonPath, op, Long.parseLong(value))
                    : Outcome.no(op + " needs a whole number");
        }
        return Outcome.assertion(source, jsonPath, COMPARISONS.get(op), text);
    }

    private static Outcome numericBody(String source, String path, String op, long n) {
        return op.equals("<=") ? Outcome.assertion(source, path, "LESS_THAN", String.valueOf(n + 1))
                : Outcome.assertion(source, path, "GREATER_THAN", String.valueOf(n - 1));
    }

    private static Outcome certificate(String op, String value) {
        long millis = GoDurations.millis(value);
        if (!(op.equals(">") || op.equals(">=")) || millis < 0) {
            return Outcome.no("only [CERTIFICATE_EXPIRATION] > duration maps (to a TLS monitor's minDaysValid)");
        }
        return new Outcome(null, (int) Math.ceil(millis / 86_400_000.0), null, null, false, null);
    }

    private static Outcome domain(String op, String value) {
        long millis = GoDurations.millis(value);
        if (!(op.equals(">") || op.equals(">=")) || millis < 0) {
            return Outcome.no("only [DOMAIN_EXPIRATION] > duration maps (to a DOMAIN monitor's minDaysValid)");
        }
        return new Outcome(null, null, (int) Math.ceil(millis / 86_400_000.0), null, false, null);
    }

    /** A Gatus glob ({@code *} any run, {@code ?} one character) as an anchored regular expression. */
    static String glob(String glob) {
        StringBuilder regex = new StringBuilder("(?s)^");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append("\\.[]{}()+-^$|".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
            }
        }
        return regex.append('$').toString();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
