package dev.vigil.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduleTests {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private static ScheduledMonitor monitor(int intervalSeconds) {
        return new ScheduledMonitor(UUID.randomUUID(), UUID.randomUUID(), HttpCheck.get("https://example.com"),
                intervalSeconds, 5000, null, List.of("a", "b"), 1);
    }

    @Test
    void everyRoundOfAnHourIsDueOnceOnItsInstantWithoutDrift() {
        Schedule schedule = new Schedule();
        ScheduledMonitor m = monitor(30);
        schedule.put(m, START);
        List<Instant> rounds = new ArrayList<>();

        // Tick every 100 ms through an hour of simulated time.
        for (Instant now = START; now.isBefore(START.plus(Duration.ofHours(1))); now = now.plusMillis(100)) {
            schedule.takeDue(now).forEach(d -> rounds.add(d.scheduledAt()));
        }

        assertThat(rounds).hasSize(120);
        assertThat(rounds).doesNotHaveDuplicates();
        long phase = RoundClock.phaseMillis(m.id(), 30);
        assertThat(rounds).allSatisfy(r -> assertThat(Math.floorMod(r.toEpochMilli(), 30_000L)).isEqualTo(phase));
    }

    @Test
    void afterALongStallAtMostTheLatestRoundIsDueNotABurst() {
        Schedule schedule = new Schedule(Duration.ofSeconds(60));
        ScheduledMonitor m = monitor(60);
        schedule.put(m, START);

        List<DueRound> due = schedule.takeDue(START.plus(Duration.ofHours(2)));

        assertThat(due).hasSize(1);
        assertThat(due.getFirst().scheduledAt())
                .isEqualTo(RoundClock.roundAtOrBefore(m.id(), 60, START.plus(Duration.ofHours(2))));
        assertThat(schedule.skippedRounds()).isBetween(119L, 120L);
    }

    @Test
    void editingAMonitorKeepsItsPlannedRoundAndRemovingItStopsIt() {
        Schedule schedule = new Schedule();
        ScheduledMonitor m = monitor(60);
        schedule.put(m, START);
        Instant planned = schedule.nextDue();

        schedule.put(new ScheduledMonitor(m.id(), m.workspaceId(), HttpCheck.get("https://example.org"), 60, 1000,
                null, List.of("a"), 0), START.plusSeconds(1));

        assertThat(schedule.nextDue()).isEqualTo(planned);
        List<DueRound> due = schedule.takeDue(planned);
        assertThat(due).hasSize(1);
        assertThat(due.getFirst().monitor().regions()).containsExactly("a");

        schedule.remove(m.id());
        assertThat(schedule.takeDue(planned.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(schedule.nextDue()).isNull();
    }

    @Test
    void restartingPlansEachMonitorsNextRoundAfterNow() {
        Schedule schedule = new Schedule();
        ScheduledMonitor m = monitor(60);
        schedule.put(m, START);
        Instant takeover = START.plus(Duration.ofMinutes(10)).plusMillis(1);

        schedule.restartAt(takeover);

        assertThat(schedule.nextDue()).isAfter(takeover)
                .isEqualTo(RoundClock.roundAfter(m.id(), 60, takeover));
    }

    @Test
    void replaceAllRemovesMonitorsThatAreGone() {
        Schedule schedule = new Schedule();
        ScheduledMonitor kept = monitor(60);
        ScheduledMonitor gone = monitor(60);
        schedule.put(kept, START);
        schedule.put(gone, START);

        schedule.replaceAll(List.of(kept), START);

        assertThat(schedule.size()).isEqualTo(1);
        assertThat(schedule.contains(gone.id())).isFalse();
    }
}
