package dev.vigil.api.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 90 daily bars of a component, from its state transitions (not from raw results): a day's uptime is the share of
 * its monitored time the monitor was not DOWN, where monitored time starts at the first evaluation and leaves out
 * maintenance windows (API.md: maintenance is neither downtime nor monitored time).
 */
final class DailyUptime {

    static final int DAYS = 90;

    private DailyUptime() {
    }

    /** A half-open interval of time. */
    record Span(Instant from, Instant to) {

        long overlapMillis(Instant a, Instant b) {
            Instant start = from.isAfter(a) ? from : a;
            Instant end = to.isBefore(b) ? to : b;
            return end.isAfter(start) ? Duration.between(start, end).toMillis() : 0;
        }
    }

    /** A transition: from {@code at} on, the monitor was {@code status}. */
    record Flip(Instant at, String status) {
    }

    /** The bars and the 90-day total (null without any data). */
    record Result(List<StatusSnapshot.Day> days, Double total) {
    }

    /**
     * @param flips            the monitor's transitions in time order, starting with the last one before the window
     * @param maintenance      its maintenance windows overlapping the 90 days
     * @param incidentsPerDay  incidents started per UTC day
     */
    static Result compute(List<Flip> flips, List<Span> maintenance, Map<LocalDate, Integer> incidentsPerDay,
                          Instant now) {
        List<Span> down = new ArrayList<>();
        for (int i = 0; i < flips.size(); i++) {
            if (flips.get(i).status().equals("DOWN")) {
                down.add(new Span(flips.get(i).at(), i + 1 < flips.size() ? flips.get(i + 1).at() : now));
            }
        }
        Instant firstEvaluation = flips.isEmpty() ? null : flips.getFirst().at();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<StatusSnapshot.Day> days = new ArrayList<>(DAYS);
        long monitoredTotal = 0;
        long downTotal = 0;
        for (int d = DAYS - 1; d >= 0; d--) {
            LocalDate date = today.minusDays(d);
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            if (end.isAfter(now)) {
                end = now;
            }
            if (firstEvaluation != null && start.isBefore(firstEvaluation)) {
                start = firstEvaluation.isBefore(end) ? firstEvaluation : end;
            }
            int incidents = incidentsPerDay.getOrDefault(date, 0);
            if (firstEvaluation == null || !end.isAfter(start)) {
                days.add(new StatusSnapshot.Day(date, null, incidents));
                continue;
            }
            long inMaintenance = sum(maintenance, start, end);
            long monitored = Duration.between(start, end).toMillis() - inMaintenance;
            // Downtime inside a maintenance window is not downtime (an approximation when windows overlap).
            long downMillis = Math.max(0, sum(down, start, end) - downDuringMaintenance(down, maintenance, start, end));
            if (monitored <= 0) {
                days.add(new StatusSnapshot.Day(date, null, incidents));
                continue;
            }
            monitoredTotal += monitored;
            downTotal += Math.min(downMillis, monitored);
            days.add(new StatusSnapshot.Day(date, percent(Math.min(downMillis, monitored), monitored), incidents));
        }
        return new Result(List.copyOf(days), monitoredTotal == 0 ? null : percent(downTotal, monitoredTotal));
    }

    private static double percent(long down, long monitored) {
        return Math.round(10_000.0 * 100.0 * (1 - (double) down / monitored)) / 10_000.0;
    }

    private static long sum(List<Span> spans, Instant from, Instant to) {
        long total = 0;
        for (Span span : spans) {
            total += span.overlapMillis(from, to);
        }
        return total;
    }

    private static long downDuringMaintenance(List<Span> down, List<Span> maintenance, Instant from, Instant to) {
        long total = 0;
        for (Span m : maintenance) {
            Instant a = m.from().isAfter(from) ? m.from() : from;
            Instant b = m.to().isBefore(to) ? m.to() : to;
            if (b.isAfter(a)) {
                total += sum(down, a, b);
            }
        }
        return total;
    }
}
