package dev.vigil.api.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one definition of uptime, used by the API's uptime windows, the dashboard's 90-day bar and the status pages
 * (and any report to come), so they can never disagree about a monitor:
 * <ol>
 *   <li>A monitor is monitored from its first evaluation (its first state transition) until now; before that there
 *       is no data.</li>
 *   <li>Its maintenance windows count neither as downtime nor as monitored time (overlapping windows count once).
 *       Nor do rounds every one of its regions skipped (probes behind, jobs dropped as stale: {@code skipped_checks}):
 *       nothing was checked, so they are no data, never uptime.</li>
 *   <li>Downtime is the monitored time its state was {@code DOWN} (from {@code monitor_transitions}, not from single
 *       results: a failure other regions did not confirm is no downtime).</li>
 *   <li>Uptime over an interval is {@code 100 × (1 − downtime / monitored time)}, rounded to four decimals, and
 *       no data (null) when nothing of the interval was monitored.</li>
 * </ol>
 * Built from a monitor's transitions (starting with the last one before the period of interest, which gives the state
 * at its start), its maintenance windows and its skipped rounds; {@link UptimeHistories} reads them.
 */
public final class UptimeHistory {

    /** From {@code at} on, the monitor's state was {@code status} ({@code UP}, {@code DOWN}, ...). */
    public record Transition(Instant at, String status) {
    }

    /** A half-open interval of time, {@code [from, to)}. */
    public record Span(Instant from, Instant to) {
    }

    /** How much of an interval was monitored, and how much of that was downtime. */
    public record Measure(Duration monitored, Duration down) {

        /** Uptime in percent, four decimals; null when nothing was monitored. */
        public Double percent() {
            if (!monitored.isPositive()) {
                return null;
            }
            double share = (double) down.toNanos() / monitored.toNanos();
            return Math.round(10_000.0 * Math.max(0, 100.0 * (1 - share))) / 10_000.0;
        }

        /** Downtime in whole seconds. */
        public long downSeconds() {
            return Math.round(down.toNanos() / 1e9);
        }
    }

    /** One UTC day's uptime; {@code percent} is null for a day without monitored time. */
    public record Day(LocalDate date, Double percent) {
    }

    private final Instant firstEvaluation;
    private final Instant now;
    private final List<Span> maintenance;
    private final List<Span> downOutsideMaintenance;
    private final Instant lastTransition;

    private UptimeHistory(Instant firstEvaluation, Instant now, List<Span> maintenance, List<Span> down,
                          Instant lastTransition) {
        this.firstEvaluation = firstEvaluation;
        this.now = now;
        this.maintenance = maintenance;
        this.downOutsideMaintenance = down;
        this.lastTransition = lastTransition;
    }

    /**
     * @param transitions the monitor's transitions in time order; the first one is its first evaluation, or the last
     *                    one before the period that will be asked about
     * @param maintenance its maintenance windows, in any order, overlapping or not
     * @param now         the end of the history: the last state lasts until then
     */
    public static UptimeHistory of(List<Transition> transitions, List<Span> maintenance, Instant now) {
        return of(transitions, maintenance, List.of(), now);
    }

    /**
     * @param transitions the monitor's transitions in time order; the first one is its first evaluation, or the last
     *                    one before the period that will be asked about
     * @param maintenance its maintenance windows, in any order, overlapping or not
     * @param noData      the time of rounds no region checked ({@link #skippedByEveryRegion}), in any order
     * @param now         the end of the history: the last state lasts until then
     */
    public static UptimeHistory of(List<Transition> transitions, List<Span> maintenance, List<Span> noData,
                                   Instant now) {
        List<Span> down = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            if (transitions.get(i).status().equals("DOWN")) {
                Instant end = i + 1 < transitions.size() ? transitions.get(i + 1).at() : now;
                down.add(new Span(transitions.get(i).at(), end));
            }
        }
        List<Span> unmonitored = new ArrayList<>(maintenance);
        unmonitored.addAll(noData);
        List<Span> windows = merge(unmonitored);
        return new UptimeHistory(transitions.isEmpty() ? null : transitions.getFirst().at(), now, windows,
                subtract(merge(down), windows), transitions.isEmpty() ? null : transitions.getLast().at());
    }

    /** Monitored time and downtime within {@code [from, to)}. */
    public Measure over(Instant from, Instant to) {
        if (firstEvaluation == null) {
            return new Measure(Duration.ZERO, Duration.ZERO);
        }
        Instant start = later(from, firstEvaluation);
        Instant end = to.isAfter(now) ? now : to;
        if (!end.isAfter(start)) {
            return new Measure(Duration.ZERO, Duration.ZERO);
        }
        Duration monitored = Duration.between(start, end).minus(overlap(maintenance, start, end));
        return new Measure(monitored, overlap(downOutsideMaintenance, start, end));
    }

    /** The UTC days from {@code first} to {@code last}, oldest first. */
    public List<Day> days(LocalDate first, LocalDate last) {
        List<Day> days = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            days.add(new Day(date, over(start, start.plus(Duration.ofDays(1))).percent()));
        }
        return days;
    }

    /** When the state last changed; null for a monitor never evaluated. */
    public Instant lastTransition() {
        return lastTransition;
    }

    /**
     * The time of rounds every one of the monitor's regions skipped: the intersection, over {@code regions}, of each
     * region's skipped rounds (a round at {@code t} of a monitor with interval {@code i} covers {@code [t, t + i)}).
     * A round one region skipped but another checked has data: it is judged on what was checked.
     *
     * @param skippedByRegion each region's skipped rounds as spans, in any order, overlapping or not
     * @param regions         the monitor's regions
     */
    public static List<Span> skippedByEveryRegion(Map<String, List<Span>> skippedByRegion, List<String> regions) {
        if (regions.isEmpty()) {
            return List.of();
        }
        List<Span> common = null;
        for (String region : regions) {
            List<Span> skipped = merge(skippedByRegion.getOrDefault(region, List.of()));
            common = common == null ? skipped : intersect(common, skipped);
            if (common.isEmpty()) {
                return List.of();
            }
        }
        return common;
    }

    /** The time both sorted, disjoint span lists cover. */
    static List<Span> intersect(List<Span> a, List<Span> b) {
        List<Span> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant from = later(a.get(i).from(), b.get(j).from());
            Instant to = a.get(i).to().isBefore(b.get(j).to()) ? a.get(i).to() : b.get(j).to();
            if (to.isAfter(from)) {
                result.add(new Span(from, to));
            }
            if (a.get(i).to().isBefore(b.get(j).to())) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The union of spans, as sorted, disjoint spans. */
    static List<Span> merge(List<Span> spans) {
        List<Span> sorted = spans.stream().filter(s -> s.to().isAfter(s.from()))
                .sorted(Comparator.comparing(Span::from)).toList();
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            Span last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !span.from().isAfter(last.to())) {
                merged.set(merged.size() - 1, new Span(last.from(), later(last.to(), span.to())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** {@code spans} less {@code holes}; both sorted and disjoint. */
    static List<Span> subtract(List<Span> spans, List<Span> holes) {
        List<Span> result = new ArrayList<>();
        for (Span span : spans) {
            Instant from = span.from();
            for (Span hole : holes) {
                if (!hole.to().isAfter(from) || !hole.from().isBefore(span.to())) {
                    continue;
                }
                if (hole.from().isAfter(from)) {
                    result.add(new Span(from, hole.from()));
                }
                from = later(from, hole.to());
            }
            if (span.to().isAfter(from)) {
                result.add(new Span(from, span.to()));
            }
        }
        return result;
    }

    /** The time disjoint {@code spans} cover within {@code [from, to)}. */
    static Duration overlap(List<Span> spans, Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (Span span : spans) {
            Instant start = later(span.from(), from);
            Instant end = span.to().isBefore(to) ? span.to() : to;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }
}
