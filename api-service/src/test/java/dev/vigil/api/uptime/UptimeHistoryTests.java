package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.uptime.UptimeHistory.Span;
import dev.vigil.api.uptime.UptimeHistory.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UptimeHistoryTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    @Test
    void monitoredTimeStartsAtTheFirstEvaluation() {
        UptimeHistory history = UptimeHistory.of(List.of(new Transition(at("2026-11-30T06:00:00Z"), "UP"),
                new Transition(at("2026-11-30T09:00:00Z"), "DOWN")), List.of(), NOW);

        UptimeHistory.Measure day = history.over(NOW.minus(Duration.ofDays(1)), NOW);

        assertThat(day.monitored()).isEqualTo(Duration.ofHours(6));
        assertThat(day.down()).isEqualTo(Duration.ofHours(3));
        assertThat(day.percent()).isEqualTo(50.0);
        assertThat(history.over(at("2026-11-29T00:00:00Z"), at("2026-11-30T00:00:00Z")).percent()).isNull();
    }

    @Test
    void aFlappingDayAddsUpEveryShortOutage() {
        List<Transition> flips = new ArrayList<>(List.of(new Transition(at("2026-11-28T00:00:00Z"), "UP")));
        Instant start = at("2026-11-29T06:00:00Z");
        for (int i = 0; i < 6; i++) {
            flips.add(new Transition(start.plus(Duration.ofMinutes(10L * i)), "DOWN"));
            flips.add(new Transition(start.plus(Duration.ofMinutes(10L * i + 5)), "UP"));
        }

        UptimeHistory history = UptimeHistory.of(flips, List.of(), NOW);

        UptimeHistory.Measure day = history.over(at("2026-11-29T00:00:00Z"), at("2026-11-30T00:00:00Z"));
        assertThat(day.down()).isEqualTo(Duration.ofMinutes(30));
        assertThat(day.percent()).isEqualTo(97.9167);
        assertThat(day.downSeconds()).isEqualTo(1800);
    }

    @Test
    void overlappingMaintenanceCountsOnceAndHidesTheDowntimeInside() {
        UptimeHistory history = UptimeHistory.of(List.of(new Transition(at("2026-11-28T00:00:00Z"), "UP"),
                        new Transition(at("2026-11-29T11:00:00Z"), "DOWN"),
                        new Transition(at("2026-11-29T13:00:00Z"), "UP")),
                List.of(new Span(at("2026-11-29T10:00:00Z"), at("2026-11-29T12:00:00Z")),
                        new Span(at("2026-11-29T11:30:00Z"), at("2026-11-29T12:30:00Z"))), NOW);

        UptimeHistory.Measure day = history.over(at("2026-11-29T00:00:00Z"), at("2026-11-30T00:00:00Z"));

        assertThat(day.monitored()).isEqualTo(Duration.ofMinutes(24 * 60 - 150));
        assertThat(day.down()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aDayInsideMaintenanceHasNoDataAndAnOngoingOutageLastsUntilNow() {
        UptimeHistory history = UptimeHistory.of(List.of(new Transition(at("2026-11-20T00:00:00Z"), "UP"),
                        new Transition(at("2026-11-30T11:00:00Z"), "DOWN")),
                List.of(new Span(at("2026-11-25T00:00:00Z"), at("2026-11-26T00:00:00Z"))), NOW);

        List<UptimeHistory.Day> days = history.days(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-30"));

        assertThat(days).hasSize(12);
        assertThat(days.getFirst().percent()).isNull();
        assertThat(days.get(1).percent()).isEqualTo(100.0);
        assertThat(days.get(6)).isEqualTo(new UptimeHistory.Day(LocalDate.parse("2026-11-25"), null));
        assertThat(days.getLast().percent()).isCloseTo(100.0 * 11 / 12, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(history.lastTransition()).isEqualTo(at("2026-11-30T11:00:00Z"));
    }

    @Test
    void aMonitorNeverEvaluatedHasNoData() {
        UptimeHistory history = UptimeHistory.of(List.of(), List.of(), NOW);

        assertThat(history.over(NOW.minus(Duration.ofDays(90)), NOW).percent()).isNull();
        assertThat(history.lastTransition()).isNull();
    }

    @Test
    void roundsEveryRegionSkippedAreNoDataNotUptime() {
        // UP all day by its transitions, but from 11:00 to 12:00 the probes of both regions dropped every round.
        Instant from = at("2026-11-29T11:00:00Z");
        Instant to = at("2026-11-29T12:00:00Z");
        List<Span> noData = UptimeHistory.skippedByEveryRegion(
                Map.of("local-a", List.of(new Span(from, to)), "local-b", List.of(new Span(from, to))),
                List.of("local-a", "local-b"));
        UptimeHistory history = UptimeHistory.of(List.of(new Transition(at("2026-11-28T00:00:00Z"), "UP")),
                List.of(), noData, NOW);

        assertThat(history.over(from, to).percent()).as("the skipped hour shows no data, not 100 %").isNull();
        UptimeHistory.Measure day = history.over(at("2026-11-29T00:00:00Z"), at("2026-11-30T00:00:00Z"));
        assertThat(day.monitored()).isEqualTo(Duration.ofHours(23));
        assertThat(history.days(LocalDate.parse("2026-11-29"), LocalDate.parse("2026-11-29")).getFirst().percent())
                .isEqualTo(100.0);
    }

    @Test
    void aRoundOneRegionSkippedButAnotherCheckedHasData() {
        Map<String, List<Span>> skipped = Map.of(
                "local-a", List.of(new Span(at("2026-11-29T11:00:00Z"), at("2026-11-29T12:00:00Z"))),
                "local-b", List.of(new Span(at("2026-11-29T11:30:00Z"), at("2026-11-29T11:31:00Z")),
                        new Span(at("2026-11-29T11:59:00Z"), at("2026-11-29T12:05:00Z"))));

        assertThat(UptimeHistory.skippedByEveryRegion(skipped, List.of("local-a", "local-b"))).containsExactly(
                new Span(at("2026-11-29T11:30:00Z"), at("2026-11-29T11:31:00Z")),
                new Span(at("2026-11-29T11:59:00Z"), at("2026-11-29T12:00:00Z")));
        assertThat(UptimeHistory.skippedByEveryRegion(skipped, List.of("local-a", "local-b", "local-c")))
                .as("local-c checked every round").isEmpty();
    }

    @Test
    void downtimeWithinSkippedRoundsIsNotCountedEither() {
        // DOWN from 10:00 to 14:00, but nothing was checked from 12:00 to 13:00: three hours of downtime, not four.
        UptimeHistory history = UptimeHistory.of(List.of(new Transition(at("2026-11-29T00:00:00Z"), "UP"),
                        new Transition(at("2026-11-29T10:00:00Z"), "DOWN"),
                        new Transition(at("2026-11-29T14:00:00Z"), "UP")),
                List.of(), List.of(new Span(at("2026-11-29T12:00:00Z"), at("2026-11-29T13:00:00Z"))), NOW);

        UptimeHistory.Measure day = history.over(at("2026-11-29T00:00:00Z"), at("2026-11-30T00:00:00Z"));
        assertThat(day.down()).isEqualTo(Duration.ofHours(3));
        assertThat(day.monitored()).isEqualTo(Duration.ofHours(23));
    }
}
