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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Zone abbreviations by zone, offset and daylight saving; the JVM knows some 600 zones, most with two. */
    private static final Map<String, String> ABBREVIATIONS = new ConcurrentHashMap<>();
    private static final int MAX_ABBREVIATIONS = 4_096;

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
        if (at == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(32);
        appendSecond(text, at);
        return text.toString();
    }

    /**
     * {@link #second} written onto {@code out} without a formatter: the monitor list writes 2,550 of these a page,
     * and {@link DateTimeFormatter} with the zone's name was a tenth of that page's CPU (bench/README.md). The same
     * text as {@link #SECOND} and {@link #abbreviation}; years outside 0000-9999 go through the formatter.
     */
    public void appendSecond(StringBuilder out, Instant at) {
        if (at == null) {
            return;
        }
        ZoneOffset offset = zone.getRules().getOffset(at);
        LocalDateTime local = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, offset);
        if (local.getYear() < 0 || local.getYear() > 9999) {
            out.append(write(at, SECOND, true));
            return;
        }
        appendDateTime(out, local, ' ').append(' ').append(abbreviation(at, offset));
    }

    /**
     * {@link Instant#toString()} (ISO-8601 in UTC, the fraction in groups of three digits as needed) written onto
     * {@code out} without the ISO formatter, for the {@code datetime} and {@code data-time} attributes the page's
     * script reads; years outside 0000-9999 as {@link Instant#toString()} writes them.
     */
    public static void appendInstant(StringBuilder out, Instant at) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            out.append(at);
            return;
        }
        appendDateTime(out, utc, 'T');
        int nanos = at.getNano();
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                appendDigits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                appendDigits(out, nanos / 1_000, 6);
            } else {
                appendDigits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    /** {@code 2026-03-02} then {@code between} then {@code 10:00:05}, for a year of four digits. */
    private static StringBuilder appendDateTime(StringBuilder out, LocalDateTime at, char between) {
        appendDigits(out, at.getYear(), 4).append('-');
        appendDigits(out, at.getMonthValue(), 2).append('-');
        appendDigits(out, at.getDayOfMonth(), 2).append(between);
        appendDigits(out, at.getHour(), 2).append(':');
        appendDigits(out, at.getMinute(), 2).append(':');
        return appendDigits(out, at.getSecond(), 2);
    }

    /** A value of 0 or more, left-padded with zeros to {@code width} digits. */
    private static StringBuilder appendDigits(StringBuilder out, int value, int width) {
        int pad = 1;
        for (int i = 1; i < width; i++) {
            pad *= 10;
        }
        for (; pad > 1 && value < pad; pad /= 10) {
            out.append('0');
        }
        return out.append(value);
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
     * {@link #abbreviation(java.time.ZonedDateTime)} remembered per zone, offset and daylight saving, which is what
     * it depends on: formatting a zone's name looks it up in the locale data each time.
     */
    private String abbreviation(Instant at, ZoneOffset offset) {
        if (zone.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        boolean summer = zone.getRules().isDaylightSavings(at);
        String key = zone.getId() + ' ' + offset.getTotalSeconds() + (summer ? " S" : " W");
        String known = ABBREVIATIONS.get(key);
        if (known == null) {
            known = abbreviation(at.atZone(zone));
            if (ABBREVIATIONS.size() >= MAX_ABBREVIATIONS) {
                ABBREVIATIONS.clear();
            }
            ABBREVIATIONS.put(key, known);
        }
        return known;
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
