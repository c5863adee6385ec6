package dev.vigil.cli.imports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration strings ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}), as Gatus writes intervals. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    /** Milliseconds, or -1 when the text is not a duration. */
    static long millis(String text) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        Matcher m = PART.matcher(text.strip());
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return -1;
            }
            double value = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "ns" -> value / 1_000_000;
                case "us", "µs" -> value / 1_000;
                case "ms" -> value;
                case "s" -> value * 1_000;
                case "m" -> value * 60_000;
                default -> value * 3_600_000;
            };
            end = m.end();
        }
        return end == text.strip().length() && end > 0 ? Math.round(total) : -1;
    }
}
