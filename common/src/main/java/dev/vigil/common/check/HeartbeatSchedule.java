package dev.vigil.common.check;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * A heartbeat's cron schedule in a time zone, with the semantics Healthchecks documents (its cronsim library, which
 * follows Debian's cron), computed through cron-utils:
 *
 * <ul>
 *   <li>five fields (minute, hour, day of month, month, day of week), names ({@code JAN}, {@code MON}), 0 or 7 for
 *       Sunday, {@code L} and {@code LW} in the day of month, {@code 5L} (the last Friday) and {@code MON#2} (the
 *       second Monday) in the day of week;</li>
 *   <li>day of month and day of week: when either field starts with {@code *} both must match (a day
 *       of month stepped from {@code *} with {@code MON} is an odd-dated Monday), otherwise either may;</li>
 *   <li>times in the zone, so "0 3 * * *" in Europe/Berlin is 03:00 local on both sides of a daylight saving change.
 *       A job at fixed times (neither minute nor hour starts with {@code *}) runs on the wall clock: a time the
 *       clocks skip runs when they land (02:30 on the spring-forward night is 03:00 summer time) and a time they
 *       repeat runs once, the first time. Jobs with a {@code *} in the minute or hour run in real time (every
 *       quarter hour is every quarter hour, repeated hour included).</li>
 * </ul>
 */
public final class HeartbeatSchedule {

    /** cronsim's features: 5 fields, L/LW in the day of month, nL and n#k in the day of week, 0 or 7 for Sunday. */
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsLW().withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
            .supportsHash().supportsL().withStrictRange().and()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    /** Far enough to find the next time of any expression that has one (e.g. "0 0 29 2 *" in a leap year). */
    private static final int SAMPLES = 64;
    /** cronsim's horizon: an expression with no time in the next 50 years has none. */
    private static final int YEARS_AHEAD = 50;
    /** Wall-clock times a repeated hour maps behind the start: at most one per minute of a day. */
    private static final int WALL_CLOCK_SKIPS = 24 * 60;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;
    /** Non-null when both day fields must match: the day-of-week half, checked on each time {@code times} gives. */
    private final ExecutionTime weekdays;
    private final boolean wallClock;

    private HeartbeatSchedule(String expression, ZoneId zone, ExecutionTime times, ExecutionTime weekdays,
                              boolean wallClock) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
        this.weekdays = weekdays;
        this.wallClock = wallClock;
    }

    /**
     * The schedule of a cron expression in an IANA zone.
     *
     * @throws IllegalArgumentException naming what is wrong: a bad expression ({@link InvalidExpression}) or an
     *                                  unknown zone ({@link InvalidZone})
     */
    public static HeartbeatSchedule parse(String expression, String timeZone) {
        ZoneId zone = zone(timeZone);
        if (expression == null || expression.isBlank()) {
            throw new InvalidExpression("a cron expression is required, e.g. \"0 3 * * *\"");
        }
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        if (trimmed.length() > 200) {
            throw new InvalidExpression("the cron expression is longer than 200 characters");
        }
        String[] fields = trimmed.split(" ");
        if (fields.length != 5) {
            throw new InvalidExpression("not a 5-field cron expression (minute hour day-of-month month day-of-week)");
        }
        // Debian's rule (cronsim's day_and): a day field starting with * makes the two an AND, else an OR. cron-utils
        // ORs two restricted fields, so the AND is worked out here: the day-of-month cron gives candidate times and
        // the day-of-week cron must match them too.
        boolean both = (fields[2].startsWith("*") || fields[4].startsWith("*"))
                && !fields[2].equals("*") && !fields[4].equals("*");
        ExecutionTime times = executionTime(both
                ? String.join(" ", fields[0], fields[1], fields[2], fields[3], "*") : trimmed);
        ExecutionTime weekdays = both
                ? executionTime(String.join(" ", fields[0], fields[1], "*", fields[3], fields[4])) : null;
        boolean wallClock = !fields[0].startsWith("*") && !fields[1].startsWith("*")
                && !zone.getRules().isFixedOffset();
        HeartbeatSchedule schedule = new HeartbeatSchedule(trimmed, zone, times, weekdays, wallClock);
        if (schedule.nextAfter(Instant.EPOCH) == null) {
            throw new InvalidExpression("the cron expression never matches a date");
        }
        return schedule;
    }

    private static ExecutionTime executionTime(String expression) {
        Cron cron;
        try {
            cron = PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidExpression("not a valid 5-field cron expression (minute hour day-of-month month "
                    + "day-of-week): " + e.getMessage());
        }
        return ExecutionTime.forCron(cron);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        // Only region ids (Europe/Berlin, UTC): offsets like +02:00 would ignore daylight saving time silently.
        if (!timeZone.contains("/") && !timeZone.equals("UTC")) {
            throw new InvalidZone("use an IANA time zone name such as Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidZone("unknown time zone: " + timeZone + " (use an IANA name such as Europe/Berlin)");
        }
    }

    /** The first scheduled time strictly after {@code instant}; null if there is none. */
    public Instant nextAfter(Instant instant) {
        if (!wallClock) {
            ZonedDateTime next = next(ZonedDateTime.ofInstant(instant, zone));
            return next == null ? null : next.toInstant();
        }
        // Local times as if the zone had no daylight saving (UTC stands in for the wall clock), then each placed
        // on the real clock. A repeated hour can place a wall-clock time before the start: look further.
        ZonedDateTime wall = LocalDateTime.ofInstant(instant, zone).atZone(ZoneOffset.UTC);
        for (int i = 0; i < WALL_CLOCK_SKIPS; i++) {
            wall = next(wall);
            if (wall == null) {
                return null;
            }
            Instant real = onTheClock(wall.toLocalDateTime());
            if (real.isAfter(instant)) {
                return real;
            }
        }
        return null;
    }

    /**
     * Where a wall-clock time falls: a skipped one when the clocks land (cronsim moves it on minute by minute until
     * it exists, which is the transition itself), a repeated one the first time (the earlier offset).
     */
    private Instant onTheClock(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant();
    }

    /** The next matching time after {@code from}, in {@code from}'s zone; both day fields when they must. */
    private ZonedDateTime next(ZonedDateTime from) {
        int lastYear = from.getYear() + YEARS_AHEAD;
        ZonedDateTime candidate = times.nextExecution(from).orElse(null);
        while (weekdays != null && candidate != null && !weekdays.isMatch(candidate)) {
            if (candidate.getYear() > lastYear) {
                return null;
            }
            // The rest of that day cannot match either: go on from its last second.
            ZonedDateTime endOfDay = candidate.toLocalDate().plusDays(1).atStartOfDay(candidate.getZone())
                    .minusSeconds(1);
            candidate = times.nextExecution(endOfDay).orElse(null);
        }
        return candidate;
    }

    /** The shortest gap between consecutive scheduled times over the next few occurrences after {@code from}. */
    public Duration shortestGap(Instant from) {
        Duration shortest = null;
        Instant previous = nextAfter(from);
        for (int i = 0; i < SAMPLES && previous != null; i++) {
            Instant next = nextAfter(previous);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous, next);
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            previous = next;
        }
        return shortest == null ? Duration.ofDays(366) : shortest;
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The cron expression is not one. */
    public static final class InvalidExpression extends IllegalArgumentException {
        InvalidExpression(String message) {
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
