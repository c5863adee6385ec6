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
    void aResyncOfTheChangedMonitorsRemovesTheGoneAndPutsOnlyWhatDiffers() {
        Schedule schedule = new Schedule();
        ScheduledMonitor kept = monitor(60);
        ScheduledMonitor edited = monitor(60);
        ScheduledMonitor deleted = monitor(60);
        ScheduledMonitor pausedMeanwhile = monitor(60);
        for (ScheduledMonitor m : List.of(kept, edited, deleted, pausedMeanwhile)) {
            schedule.put(m, START);
        }
        ScheduledMonitor faster = new ScheduledMonitor(edited.id(), edited.workspaceId(), edited.check(), 30, 5000,
                null, List.of("a", "b"), 1);
        ScheduledMonitor added = monitor(60);

        schedule.reconcile(java.util.Set.of(kept.id(), edited.id(), pausedMeanwhile.id(), added.id()),
                List.of(edited.id(), pausedMeanwhile.id(), added.id(), kept.id()), List.of(faster, added, kept),
                START.plusSeconds(1));

        assertThat(schedule.size()).isEqualTo(3);
        assertThat(schedule.contains(deleted.id())).as("not schedulable any more").isFalse();
        assertThat(schedule.contains(pausedMeanwhile.id())).as("changed, and not found when re-read").isFalse();
        List<DueRound> due = new ArrayList<>();
        for (Instant now = START; now.isBefore(START.plusSeconds(300)); now = now.plusMillis(100)) {
            due.addAll(schedule.takeDue(now));
        }
        assertThat(gaps(due, edited)).as("every 30 s now").isNotEmpty().containsOnly(Duration.ofSeconds(30));
        assertThat(gaps(due, kept)).isNotEmpty().containsOnly(Duration.ofSeconds(60));
        assertThat(gaps(due, added)).isNotEmpty().containsOnly(Duration.ofSeconds(60));
    }

    private static List<Duration> gaps(List<DueRound> due, ScheduledMonitor monitor) {
        List<Instant> rounds = due.stream().filter(d -> d.monitor().id().equals(monitor.id()))
                .map(DueRound::scheduledAt).toList();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < rounds.size(); i++) {
            gaps.add(Duration.between(rounds.get(i - 1), rounds.get(i)));
        }
        return gaps;
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
