package dev.vigil.api.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * How every dashboard page writes a moment: in the signed-in person's time zone ({@code users.time_zone}), with the
 * zone named beside it, so a table never mixes zones and no reader has to guess which one a time is in. Without a
 * chosen zone (or signed out) it is UTC, named as such; the page's script may then rewrite {@code <time data-local>}
 * into the browser's zone. Templates reach it as {@code ${times}} (one per request, from {@link DashboardAdvice})
 * instead of each page formatting in a zone of its own.
 *
 * @param zone the zone every time on the page is written in
 */
public record DashboardTimes(ZoneId zone) {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** UTC: for a person who chose no zone, and for pages shown to nobody signed in. */
    public static DashboardTimes utc() {
        return new DashboardTimes(ZoneOffset.UTC);
    }

    /** The person's zone by its id, UTC when none or one this JVM no longer knows (the page must still render). */
    public static DashboardTimes of(String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            return utc();
        }
        try {
            return new DashboardTimes(ZoneId.of(zoneId));
        } catch (java.time.DateTimeException e) {
            return utc();
        }
    }

    /** {@code 2026-03-02 10:00:05 CET}; an empty string for no moment. */
    public String second(Instant at) {
        return write(at, SECOND, true);
    }

    /** {@code 2026-03-02 10:00 CET}. */
    public String minute(Instant at) {
        return write(at, MINUTE, true);
    }

    /** The day alone, {@code 2026-03-02}, for columns whose header names the zone ({@link #zoneName()}). */
    public String day(Instant at) {
        return write(at, DAY, false);
    }

    /** The clock time alone, {@code 10:00}, for the end of a span whose start carries the day and the zone. */
    public String clock(Instant at) {
        return write(at, CLOCK, false);
    }

    /**
     * A moment as the value of a {@code datetime-local} input in this zone, to the minute ({@code 2026-03-02T10:00});
     * an empty string for no moment. Forms take times where the page shows them: in the person's zone.
     */
    public String input(Instant at) {
        return at == null ? "" : LocalDateTime.ofInstant(at, zone).withSecond(0).withNano(0).toString();
    }

    /**
     * A {@code datetime-local} input's value ({@code 2026-03-02T10:00}) read in this zone; null when blank or not a
     * date and time. A local time that a spring-forward change skips is moved on by the gap (02:30 becomes 03:30
     * summer time), one an autumn change repeats is the first of the two (java.time's rules).
     */
    public Instant fromInput(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A {@code date} input's day ({@code 2026-03-02}) as the moment it starts in this zone; null when none. */
    public Instant startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** The zone's id as the person chose it ({@code Europe/Berlin}, or {@code UTC}), for headers and hints. */
    public String zoneName() {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private String write(Instant at, DateTimeFormatter format, boolean named) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(zone);
        return named ? format.format(local) + " " + abbreviation(local) : format.format(local);
    }

    /**
     * The zone's short name at that moment ({@code CET} in winter, {@code CEST} in summer), or its id where the
     * locale data has no abbreviation but an offset ({@code GMT+05:45}), which would hide which zone it is.
     */
    private String abbreviation(java.time.ZonedDateTime local) {
        if (zone.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        String shortName = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(local);
        return shortName.startsWith("GMT+") || shortName.startsWith("GMT-") ? zone.getId() : shortName;
    }
}
