package dev.vigil.alerting.evaluation;

import dev.vigil.common.message.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides a round by cross-region quorum. Never cry wolf: a round is DOWN only when its first failure is confirmed by
 * {@code confirmations} other regions. Never miss: a failure waits for its confirmations for the whole window, and a
 * region's failing confirmation counts even when its own scheduled check (run earlier) passed.
 *
 * <ol>
 *   <li>No failure that counts: the round is UP (or TOLERATED, when it has failures) once every region of the monitor
 *       reported, or once the round's timeout plus the settle time passed, and the settle time since its first result
 *       arrived (a region whose probes are gone must not hold the monitor's state forever). A region's failure counts
 *       once the region has failed the monitor's {@code failuresInRow} rounds in a row, this one included (1, the
 *       default: at once).</li>
 *   <li>A failure that counts: the first such SCHEDULED result opens the question; every other region with any
 *       failing result in the round confirms it (a confirmation needs no streak: it answers a question the first region
 *       raised). Enough confirmations: DOWN, at once.</li>
 *   <li>Other regions whose confirmation run passed count against it: once too few regions are left to confirm, the
 *       round is NOT_CONFIRMED at once. An ordinary scheduled success does not count against (it may have run before
 *       the outage began); it only lets the window run out.</li>
 *   <li>The confirmation window over without enough confirmations: NOT_CONFIRMED.</li>
 *   <li>Still open: the verdict names the regions to ask for a confirmation, which the evaluator asks once per round
 *       (one fan-out, however many regions failed).</li>
 * </ol>
 */
final class RoundJudge {

    private final EvaluationProperties properties;

    RoundJudge(EvaluationProperties properties) {
        this.properties = properties;
    }

    RoundVerdict judge(Round round, MonitorSettings monitor, Instant now) {
        return judge(round, monitor, now, Map.of());
    }

    /**
     * @param failuresBefore each region's failed rounds in a row before this round ({@link MonitorState#regionFailures})
     */
    RoundVerdict judge(Round round, MonitorSettings monitor, Instant now, Map<String, Integer> failuresBefore) {
        List<RoundResult> failures = round.results().stream().filter(r -> !r.ok())
                .sorted(Comparator.comparing(RoundResult::receivedAt)).toList();
        Set<String> failed = new LinkedHashSet<>();
        failures.forEach(r -> failed.add(r.region()));
        Set<String> passed = new LinkedHashSet<>();
        round.results().stream().filter(RoundResult::ok).map(RoundResult::region).filter(r -> !failed.contains(r))
                .forEach(passed::add);
        int inRow = NoiseRules.of(monitor, properties).failuresInRow();
        List<RoundResult> counting = failures.stream()
                .filter(r -> failuresBefore.getOrDefault(r.region(), 0) + 1 >= inRow).toList();

        if (counting.isEmpty()) {
            // After an outage of the alerting service, old rounds arrive from the queue's backlog in several
            // batches: their regions still get the settle time from the first one's arrival. A failure that does not
            // count yet waits the same way: a region still to report may be the one whose failure would.
            Instant firstArrival = round.results().stream().map(RoundResult::receivedAt).min(Instant::compareTo)
                    .orElse(round.scheduledAt());
            Instant settleBy = latest(round.scheduledAt().plusMillis(monitor.timeoutMs()),
                    firstArrival).plus(properties.settle());
            Set<String> reported = new LinkedHashSet<>(passed);
            reported.addAll(failed);
            if (reported.containsAll(monitor.regions()) || !now.isBefore(settleBy)) {
                return failures.isEmpty() ? new RoundVerdict.Up(isSlow(round, monitor))
                        : new RoundVerdict.Tolerated(new ArrayList<>(failed), new ArrayList<>(passed),
                        failures.getFirst().cause());
            }
            return new RoundVerdict.Pending(settleBy);
        }

        RoundResult first = counting.stream().filter(r -> r.kind() == JobKind.SCHEDULED).findFirst()
                .orElse(counting.getFirst());
        List<String> others = monitor.regions().stream().filter(r -> !r.equals(first.region())).toList();
        // A monitor whose regions were reduced since the round ran cannot ask more regions than it has.
        int needed = Math.min(monitor.confirmations(), others.size());
        Set<String> confirmedBy = new LinkedHashSet<>(failed);
        confirmedBy.remove(first.region());
        List<String> failedRegions = new ArrayList<>(failed);
        List<String> okRegions = new ArrayList<>(passed);
        if (confirmedBy.size() >= needed) {
            return new RoundVerdict.Down(failedRegions, okRegions, first.region(), first.cause());
        }
        Set<String> refuting = new LinkedHashSet<>();
        round.results().stream()
                .filter(r -> r.ok() && r.kind() == JobKind.CONFIRM && others.contains(r.region())
                        && !failed.contains(r.region()))
                .forEach(r -> refuting.add(r.region()));
        long couldStillConfirm = others.stream().filter(r -> !failed.contains(r)).count() - refuting.size();
        Instant deadline = first.receivedAt().plus(confirmationWindow(monitor));
        if (confirmedBy.size() + couldStillConfirm < needed || !now.isBefore(deadline)) {
            return new RoundVerdict.NotConfirmed(failedRegions, okRegions, first.cause());
        }
        // 5. Whom to ask for a confirmation: the other regions whose own check of the round passed (the outage may have
        //    begun after it ran) and that have not answered one yet. A region not heard from is not asked: its own
        //    check of the round, running at the same instant, settles the question without a further check (in a mass
        //    outage, every region's does), and a region whose probes are gone could not answer anyway.
        Set<String> passedScheduled = new LinkedHashSet<>();
        round.results().stream().filter(r -> r.ok() && r.kind() == JobKind.SCHEDULED)
                .forEach(r -> passedScheduled.add(r.region()));
        List<String> ask = others.stream()
                .filter(r -> passedScheduled.contains(r) && !failed.contains(r) && !refuting.contains(r)).toList();
        return new RoundVerdict.Pending(deadline, ask);
    }

    Duration confirmationWindow(MonitorSettings monitor) {
        if (properties.confirmationWindow() != null) {
            return properties.confirmationWindow();
        }
        return Duration.ofMillis(2L * monitor.timeoutMs()).plus(properties.settle());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Most successful checks of the round were slower than the threshold (or flagged degraded by the probe). */
    private static boolean isSlow(Round round, MonitorSettings monitor) {
        List<RoundResult> ok = round.results().stream().filter(RoundResult::ok).toList();
        long slow = ok.stream().filter(r -> r.degraded()
                || (monitor.degradedAboveMs() != null && r.latencyMs() > monitor.degradedAboveMs())).count();
        return !ok.isEmpty() && slow * 2 > ok.size();
    }
}
