package dev.vigil.common.maintenance;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * A recurring maintenance window: an RFC 5545 RRULE (daily, weekly on given days, monthly; INTERVAL, COUNT or UNTIL
 * allowed) whose first occurrence is the window's {@code startsAt}, each occurrence as long as the first, computed in
 * an IANA time zone (so "every Tuesday 02:00 Europe/Berlin" stays 02:00 local across daylight saving changes).
 * Occurrences are {@code [start, start + length)}.
 */
public final class MaintenanceRecurrence {

    /** Rules the product offers; SECONDLY to HOURLY would make maintenance permanent noise, YEARLY nobody asked for. */
    private static final Set<Freq> OFFERED = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY);
    /** Occurrences looked at before giving up on a rule (COUNT limits, far-off searches). */
    private static final int MAX_STEPS = 10_000;

    private final String rule;
    private final ZoneId zone;
    private final Instant firstStart;
    private final Duration length;
    private final RecurrenceRule parsed;

    private MaintenanceRecurrence(String rule, ZoneId zone, Instant firstStart, Duration length,
                                  RecurrenceRule parsed) {
        this.rule = rule;
        this.zone = zone;
        this.firstStart = firstStart;
        this.length = length;
        this.parsed = parsed;
    }

    /**
     * @throws InvalidRule naming what is wrong with the rule
     * @throws InvalidZone when the zone is not an IANA region
     */
    public static MaintenanceRecurrence of(String rule, String timeZone, Instant firstStart, Duration length) {
        ZoneId zone = zone(timeZone);
        if (rule == null || rule.isBlank()) {
            throw new InvalidRule("a recurrence rule is required, e.g. FREQ=WEEKLY;BYDAY=TU");
        }
        String text = rule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        if (text.length() > 500) {
            throw new InvalidRule("the recurrence rule is longer than 500 characters");
        }
        RecurrenceRule parsed;
        try {
            parsed = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new InvalidRule("not an RFC 5545 RRULE: " + e.getMessage());
        }
        if (!OFFERED.contains(parsed.getFreq())) {
            throw new InvalidRule("FREQ must be DAILY, WEEKLY or MONTHLY");
        }
        return new MaintenanceRecurrence(text, zone, firstStart, length, parsed);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        if (!timeZone.contains("/") && !timeZone.equals("UTC")) {
            throw new InvalidZone("use an IANA time zone name such as Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidZone("unknown time zone: " + timeZone + " (use an IANA name such as Europe/Berlin)");
        }
    }

    /** One occurrence, {@code [startsAt, endsAt)}. */
    public record Occurrence(Instant startsAt, Instant endsAt) {

        public boolean covers(Instant at) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
    }

    private RecurrenceRuleIterator iterator() {
        ZonedDateTime local = firstStart.atZone(zone);
        DateTime start = new DateTime(TimeZone.getTimeZone(zone), local.getYear(), local.getMonthValue() - 1,
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
        return parsed.iterator(start);
    }

    /** The occurrences that overlap {@code [from, to)}, at most {@code limit}, in order. */
    public List<Occurrence> between(Instant from, Instant to, int limit) {
        List<Occurrence> found = new ArrayList<>();
        RecurrenceRuleIterator it = iterator();
        // Skip whole occurrences that end before from: those starting before from - length.
        it.fastForward(from.minus(length).toEpochMilli());
        for (int step = 0; step < MAX_STEPS && it.hasNext() && found.size() < limit; step++) {
            Instant start = Instant.ofEpochMilli(it.nextDateTime().getTimestamp());
            if (!start.isBefore(to)) {
                break;
            }
            Occurrence occurrence = new Occurrence(start, start.plus(length));
            if (occurrence.endsAt().isAfter(from)) {
                found.add(occurrence);
            }
        }
        return found;
    }

    /** Whether an occurrence covers {@code at}. */
    public boolean covers(Instant at) {
        return !between(at, at.plusMillis(1), 1).isEmpty();
    }

    /** The next {@code limit} occurrences not yet over at {@code now} (a running one first). */
    public List<Occurrence> upcoming(Instant now, int limit) {
        return between(now, Instant.parse("2100-01-01T00:00:00Z"), limit);
    }

    /** When the last occurrence ends; null when the rule has no end (no COUNT or UNTIL). */
    public Instant seriesEnd() {
        if (parsed.getCount() == null && parsed.getUntil() == null) {
            return null;
        }
        RecurrenceRuleIterator it = iterator();
        Instant last = firstStart;
        for (int step = 0; step < MAX_STEPS && it.hasNext(); step++) {
            last = Instant.ofEpochMilli(it.nextDateTime().getTimestamp());
        }
        return last.plus(length);
    }

    public String rule() {
        return rule;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The rule is not one Vigil accepts. */
    public static final class InvalidRule extends IllegalArgumentException {
        InvalidRule(String message) {
            super(message);
        }
    }

    /** The time zone is not an IANA zone. */
    public static final class InvalidZone extends IllegalArgumentException {
        InvalidZone(String message) {
            super(message);
        }
    }
}
