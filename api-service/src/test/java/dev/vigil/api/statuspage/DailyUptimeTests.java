package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.uptime.UptimeHistory;
import dev.vigil.api.uptime.UptimeHistory.Span;
import dev.vigil.api.uptime.UptimeHistory.Transition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyUptimeTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aDayWithSixHoursDownIsSeventyFivePercentAndDaysBeforeTheFirstEvaluationHaveNoData() {
        List<Transition> flips = List.of(new Transition(Instant.parse("2026-11-28T00:00:00Z"), "UP"),
                new Transition(Instant.parse("2026-11-29T06:00:00Z"), "DOWN"),
                new Transition(Instant.parse("2026-11-29T12:00:00Z"), "UP"));

        DailyUptime.Result result = DailyUptime.compute(UptimeHistory.of(flips, List.of(), NOW),
                Map.of(LocalDate.parse("2026-11-29"), List.of(DailyUptime.incidentLabel("Checkout", "outage",
                        Instant.parse("2026-11-29T06:00:00Z"), Instant.parse("2026-11-29T12:00:00Z")))), NOW);

        assertThat(result.days()).hasSize(90);
        assertThat(result.days().getLast().date()).isEqualTo(LocalDate.parse("2026-11-30"));
        StatusSnapshot.Day bad = result.days().get(88);
        assertThat(bad.uptime()).isEqualTo(75.0);
        assertThat(bad.incidents()).hasSize(1);
        assertThat(bad.level()).isEqualTo("major");
        assertThat(bad.tooltip()).isEqualTo("2026-11-29: 75.00% uptime\nCheckout outage 06:00\u201312:00 UTC");
        assertThat(result.days().get(87).uptime()).isEqualTo(100.0);
        assertThat(result.days().get(86).uptime()).isNull();
        assertThat(result.days().get(86).level()).isEqualTo("none");
        // 6 hours down out of 60 monitored.
        assertThat(result.total()).isEqualTo(90.0);
    }

    @Test
    void aTooltipNamesAnOngoingIncidentBySinceWhen() {
        assertThat(DailyUptime.incidentLabel("API", "missed heartbeat", Instant.parse("2026-11-30T09:05:00Z"), null))
                .isEqualTo("API missed heartbeat since 09:05 UTC");
    }

    @Test
    void downtimeInsideMaintenanceIsNeitherDowntimeNorMonitoredTime() {
        List<Transition> flips = List.of(new Transition(Instant.parse("2026-11-01T00:00:00Z"), "UP"),
                new Transition(Instant.parse("2026-11-29T06:00:00Z"), "DOWN"),
                new Transition(Instant.parse("2026-11-29T12:00:00Z"), "UP"));
        List<Span> maintenance = List.of(new Span(Instant.parse("2026-11-29T06:00:00Z"),
                Instant.parse("2026-11-29T12:00:00Z")));

        DailyUptime.Result result = DailyUptime.compute(UptimeHistory.of(flips, maintenance, NOW), Map.of(), NOW);

        assertThat(result.days().get(88).uptime()).isEqualTo(100.0);
        assertThat(result.total()).isEqualTo(100.0);
    }

    @Test
    void withoutAnyTransitionThereIsNoData() {
        DailyUptime.Result result = DailyUptime.compute(UptimeHistory.of(List.of(), List.of(), NOW), Map.of(), NOW);

        assertThat(result.total()).isNull();
        assertThat(result.days()).allMatch(d -> d.uptime() == null);
    }
}
