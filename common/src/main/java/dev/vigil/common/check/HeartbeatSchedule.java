package dev.vigil.common.check;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A heartbeat's cron schedule in a time zone, with Healthchecks' semantics: five fields (minute, hour, day of month,
 * month, day of week), and when both day fields are restricted a day matches if either matches (Unix cron's OR).
 * Times are computed in the zone, so "0 3 * * *" in Europe/Berlin is 03:00 local time on both sides of a daylight
 * saving change. A local time that a spring-forward change skips does not occur that day (cron-utils' behaviour).
 */
public final class HeartbeatSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Far enough to find the next time of any expression that has one (e.g. "0 0 29 2 *" in a leap year). */
    private static final int SAMPLES = 64;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private HeartbeatSchedule(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
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
        Cron cron;
        try {
            cron = PARSER.parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidExpression("not a 5-field cron expression (minute hour day-of-month month day-of-week): "
                    + e.getMessage());
        }
        HeartbeatSchedule schedule = new HeartbeatSchedule(trimmed, zone, ExecutionTime.forCron(cron));
        if (schedule.nextAfter(Instant.EPOCH) == null) {
            throw new InvalidExpression("the cron expression never matches a date");
        }
        return schedule;
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
        return times.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant)
                .orElse(null);
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
