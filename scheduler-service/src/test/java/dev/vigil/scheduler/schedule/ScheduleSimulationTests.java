package dev.vigil.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.testing.MutableClock;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Covering;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Window;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hours of simulated time on a test clock that the tests move by irregular steps, as the real loop's sleeps and turns
 * would: exact round counts, no drift, flat load, maintenance windows and stalls.
 */
class ScheduleSimulationTests {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00.123Z");

    private final MutableClock clock = new MutableClock(START);
    private final Random random = new Random(42);

    private static ScheduledMonitor monitor(UUID id, int intervalSeconds) {
        return new ScheduledMonitor(id, UUID.randomUUID(), HttpCheck.get("https://example.com"), intervalSeconds, 5000,
                null, List.of("a"), 0);
    }

    private List<ScheduledMonitor> monitors(int count, int... intervals) {
        List<ScheduledMonitor> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            monitors.add(monitor(new UUID(random.nextLong(), random.nextLong()), intervals[i % intervals.length]));
        }
        return monitors;
    }

    /** Runs the schedule until {@code end} in steps of 20-250 ms, answering every round taken. */
    private List<DueRound> run(Schedule schedule, Instant end) {
        List<DueRound> rounds = new ArrayList<>();
        while (clock.instant().isBefore(end)) {
            Duration step = Duration.ofMillis(20 + random.nextInt(230));
            Duration left = Duration.between(clock.instant(), end);
            clock.advance(step.compareTo(left) > 0 ? left : step);
            rounds.addAll(schedule.takeDue(clock.instant()));
        }
        return rounds;
    }

    /** Rounds of a monitor that fall in (from, to]. */
    private static long roundsBetween(ScheduledMonitor m, Instant from, Instant to) {
        long intervalMs = m.intervalSeconds() * 1000L;
        long phase = RoundClock.phaseMillis(m.id(), m.intervalSeconds());
        return Math.floorDiv(to.toEpochMilli() - phase, intervalMs)
                - Math.floorDiv(from.toEpochMilli() - phase, intervalMs);
    }

    @Test
    void threeHoursOfMixedIntervalsGiveExactlyEveryRoundOnceOnItsInstant() {
        List<ScheduledMonitor> monitors = monitors(4_000, 30, 60, 300, 3600, 45);
        Schedule schedule = new Schedule();
        schedule.replaceAll(monitors, clock.instant());
        Instant end = START.plus(Duration.ofHours(3));

        List<DueRound> rounds = run(schedule, end);

        Map<UUID, List<Instant>> byMonitor = new HashMap<>();
        rounds.forEach(r -> byMonitor.computeIfAbsent(r.monitor().id(), id -> new ArrayList<>()).add(r.scheduledAt()));
        long expected = 0;
        for (ScheduledMonitor m : monitors) {
            long count = roundsBetween(m, START, end);
            expected += count;
            List<Instant> instants = byMonitor.getOrDefault(m.id(), List.of());
            assertThat(instants).as("rounds of a %d s monitor", m.intervalSeconds()).hasSize((int) count);
            long phase = RoundClock.phaseMillis(m.id(), m.intervalSeconds());
            for (int i = 0; i < instants.size(); i++) {
                // No drift: every round sits on the monitor's phase, exactly one interval after the previous one.
                assertThat(Math.floorMod(instants.get(i).toEpochMilli(), m.intervalSeconds() * 1000L))
                        .isEqualTo(phase);
                if (i > 0) {
                    assertThat(Duration.between(instants.get(i - 1), instants.get(i)))
                            .isEqualTo(Duration.ofSeconds(m.intervalSeconds()));
                }
            }
        }
        assertThat(rounds).hasSize((int) expected);
        // Each round is taken within one step of its instant (the loop is never late here).
        assertThat(rounds.stream().map(r -> JobKey.of(r)).distinct().count()).isEqualTo(expected);
        assertThat(schedule.skippedRounds()).isZero();
    }

    @Test
    void oneMinuteMonitorsMakeAFlatLoadEverySecondOfAnHour() {
        List<ScheduledMonitor> monitors = monitors(12_000, 60);
        Schedule schedule = new Schedule();
        schedule.replaceAll(monitors, clock.instant());
        Instant end = START.plus(Duration.ofHours(1));

        List<DueRound> rounds = run(schedule, end);

        Map<Long, Integer> perSecond = new HashMap<>();
        rounds.forEach(r -> perSecond.merge(r.scheduledAt().getEpochSecond(), 1, Integer::sum));
        assertThat(rounds).hasSize(12_000 * 60);
        // 200 a second on average; the hash keeps every whole second of the hour within ±30 % of it, never a spike
        // at :00 (the first and last second are partial: the hour starts at .123).
        perSecond.remove(START.getEpochSecond());
        perSecond.remove(end.getEpochSecond());
        assertThat(perSecond).hasSize(3599);
        assertThat(perSecond.values()).allSatisfy(count -> assertThat(count).isBetween(140, 260));
    }

    @Test
    void jobIdsAreTheSameWhoeverComputesThem() {
        ScheduledMonitor m = monitor(UUID.randomUUID(), 60);
        Instant round = RoundClock.roundAfter(m.id(), 60, START);

        CheckJob first = CheckJob.scheduled(m.id(), m.workspaceId(), round, "a", m.check(), 5000, null, 60,
                m.regions(), 0, START);
        CheckJob second = CheckJob.scheduled(m.id(), m.workspaceId(), round, "a", m.check(), 5000, null, 60,
                m.regions(), 0, START.plusSeconds(7));
        CheckJob next = CheckJob.scheduled(m.id(), m.workspaceId(), round.plusSeconds(60), "a", m.check(), 5000,
                null, 60, m.regions(), 0, START);

        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(next.jobId()).isNotEqualTo(first.jobId());
    }

    @Test
    void roundsInsideAMaintenanceWindowAreSuppressedAndResumeAfterIt() {
        List<ScheduledMonitor> monitors = monitors(200, 60, 30);
        Schedule schedule = new Schedule();
        schedule.replaceAll(monitors, clock.instant());
        Instant windowStart = START.plus(Duration.ofMinutes(15));
        Instant windowEnd = START.plus(Duration.ofMinutes(45));
        Set<UUID> covered = new HashSet<>();
        List<Covering> coverings = new ArrayList<>();
        for (int i = 0; i < monitors.size(); i += 2) {
            covered.add(monitors.get(i).id());
            coverings.add(new Covering(monitors.get(i).id(), new Window(windowStart, windowEnd)));
        }
        MaintenanceCalendar calendar = MaintenanceCalendar.of(coverings);
        Instant end = START.plus(Duration.ofHours(1));

        List<DueRound> sent = run(schedule, end).stream()
                .filter(r -> !calendar.covers(r.monitor().id(), r.scheduledAt())).toList();

        for (ScheduledMonitor m : monitors) {
            List<Instant> instants = sent.stream().filter(r -> r.monitor().id().equals(m.id()))
                    .map(DueRound::scheduledAt).toList();
            long expected = roundsBetween(m, START, end);
            if (covered.contains(m.id())) {
                expected -= roundsBetween(m, windowStart.minusMillis(1), windowEnd.minusMillis(1));
                assertThat(instants).noneMatch(t -> !t.isBefore(windowStart) && t.isBefore(windowEnd));
                assertThat(instants).anyMatch(t -> !t.isBefore(windowEnd));
            }
            assertThat(instants).hasSize((int) expected);
        }
    }

    @Test
    void aShortStallIsCaughtUpRoundForRoundButALongOneResumesAtTheCurrentRounds() {
        List<ScheduledMonitor> monitors = monitors(6_000, 60);
        Schedule schedule = new Schedule(Duration.ofSeconds(10));
        schedule.replaceAll(monitors, clock.instant());
        run(schedule, START.plusSeconds(120));

        // A 5 s stall (a GC pause): every round of those 5 s is sent late, once.
        Instant beforeStall = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        List<DueRound> caughtUp = schedule.takeDue(clock.instant());
        long expected = monitors.stream().mapToLong(m -> roundsBetween(m, beforeStall, clock.instant())).sum();
        assertThat(caughtUp).hasSize((int) expected);

        // A 2 h stall (SQS unreachable): only rounds at most 10 s old go out, about 1/6 of the monitors, not all.
        clock.advance(Duration.ofHours(2));
        Instant resumed = clock.instant();
        List<DueRound> afterOutage = schedule.takeDue(resumed);
        assertThat(afterOutage).allSatisfy(r ->
                assertThat(Duration.between(r.scheduledAt(), resumed)).isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(afterOutage.size()).isBetween(800, 1_200);
        assertThat(schedule.skippedRounds()).isGreaterThan(6_000L * 119);

        // The minute after the outage is the usual flat minute: each monitor exactly once.
        List<DueRound> nextMinute = run(schedule, resumed.plusSeconds(60));
        assertThat(nextMinute.stream().map(r -> r.monitor().id()).distinct().count()).isEqualTo(6_000);
        assertThat(nextMinute.size() + afterOutage.size()).isBetween(6_000, 6_000 + 1_200);
    }

    @Test
    void aTakeoverPlansFromNowSoTheGapIsSkippedNotReplayed() {
        List<ScheduledMonitor> monitors = monitors(3_000, 30);
        Schedule active = new Schedule();
        active.replaceAll(monitors, clock.instant());
        List<DueRound> before = run(active, START.plusSeconds(60));
        Instant died = clock.instant();

        // The standby wins the lock 4 s later and plans from there.
        clock.advance(Duration.ofSeconds(4));
        Schedule standby = new Schedule();
        standby.replaceAll(monitors, clock.instant());
        standby.restartAt(clock.instant());
        Instant tookOver = clock.instant();
        List<DueRound> after = run(standby, START.plusSeconds(120));

        Set<JobKey> keys = new HashSet<>();
        before.forEach(r -> keys.add(JobKey.of(r)));
        assertThat(after).allSatisfy(r -> assertThat(keys.add(JobKey.of(r))).isTrue());
        long lost = monitors.stream().mapToLong(m -> roundsBetween(m, died, tookOver)).sum();
        long all = monitors.stream().mapToLong(m -> roundsBetween(m, START, START.plusSeconds(120))).sum();
        assertThat(before.size() + after.size()).isEqualTo(all - lost);
    }

    private record JobKey(UUID monitor, Instant at) {
        static JobKey of(DueRound round) {
            return new JobKey(round.monitor().id(), round.scheduledAt());
        }
    }
}
