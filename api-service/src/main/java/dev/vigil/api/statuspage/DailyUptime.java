package dev.vigil.api.statuspage;

import dev.vigil.api.uptime.UptimeHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 90 daily bars of a component and its 90-day total, by the one definition of uptime ({@link UptimeHistory}: from
 * state transitions, not raw results; maintenance is neither downtime nor monitored time; no data before the first
 * evaluation), with the incidents that started each day.
 */
final class DailyUptime {

    static final int DAYS = 90;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DailyUptime() {
    }

    /** The bars and the 90-day total (null without any data). */
    record Result(List<StatusSnapshot.Day> days, Double total) {
    }

    /** How a day's tooltip names an incident: "Checkout outage 14:02–14:20 UTC", or "... since 14:02 UTC". */
    static String incidentLabel(String component, String kind, Instant startedAt, Instant resolvedAt) {
        String from = HOUR_MINUTE.format(startedAt);
        return component + " " + kind + (resolvedAt == null ? " since " + from
                : " " + from + "\u2013" + HOUR_MINUTE.format(resolvedAt)) + " UTC";
    }

    /** The first instant the bars cover: the start of the oldest of the 90 UTC days ending today. */
    static Instant windowStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * @param history         the monitor's history over (at least) the 90 days
     * @param incidentsPerDay the incidents started each UTC day, as {@link #incidentLabel} names them
     */
    static Result compute(UptimeHistory history, Map<LocalDate, List<String>> incidentsPerDay, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<StatusSnapshot.Day> days = history.days(today.minusDays(DAYS - 1L), today).stream()
                .map(d -> new StatusSnapshot.Day(d.date(), d.percent(), incidentsPerDay.getOrDefault(d.date(), List.of())))
                .toList();
        return new Result(days, history.over(windowStart(now), now).percent());
    }
}
