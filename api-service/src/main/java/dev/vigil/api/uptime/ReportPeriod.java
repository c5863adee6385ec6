package dev.vigil.api.uptime;

import dev.vigil.api.web.InvalidRequestException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report's calendar period in UTC: a month ({@code 2026-11}) or a quarter ({@code 2026-Q4}). */
public record ReportPeriod(String label, Instant from, Instant until) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** @throws InvalidRequestException (field {@code period}) for anything else */
    public static ReportPeriod parse(String text) {
        String given = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher month = MONTH.matcher(given);
        Matcher quarter = QUARTER.matcher(given);
        YearMonth first;
        int months;
        if (month.matches() && Integer.parseInt(month.group(2)) >= 1 && Integer.parseInt(month.group(2)) <= 12) {
            first = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
            months = 1;
        } else if (quarter.matches()) {
            first = YearMonth.of(Integer.parseInt(quarter.group(1)), 3 * Integer.parseInt(quarter.group(2)) - 2);
            months = 3;
        } else {
            throw InvalidRequestException.of("period", "period must be a month (2026-11) or a quarter (2026-Q4)");
        }
        if (first.getYear() < 2000 || first.getYear() > 9000) {
            throw InvalidRequestException.of("period", "period must be a month (2026-11) or a quarter (2026-Q4)");
        }
        return new ReportPeriod(given, first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                first.plusMonths(months).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
