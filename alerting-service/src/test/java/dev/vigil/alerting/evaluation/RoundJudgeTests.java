package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundJudgeTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final RoundJudge judge = new RoundJudge(EvaluationProperties.defaults());

    private static MonitorSettings monitor(int confirmations, String... regions) {
        return new MonitorSettings(UUID.randomUUID(), UUID.randomUUID(), "m",
                new HttpCheck("https://example.com", "GET", Map.of(), null, true, List.of()), List.of(regions),
                confirmations, 5000, 60, 1000, false);
    }

    private static Round round(RoundResult... results) {
        return new Round(UUID.randomUUID(), T0, List.of(results));
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void allRegionsFailingIsDownAtOnce() {
        RoundVerdict verdict = judge.judge(round(
                RoundResult.failed("a", JobKind.SCHEDULED, "HTTP 503", at(1)),
                RoundResult.failed("b", JobKind.SCHEDULED, "HTTP 503", at(2))), monitor(1, "a", "b", "c"), at(3));

        assertThat(verdict).isInstanceOfSatisfying(RoundVerdict.Down.class, d -> {
            assertThat(d.failedRegions()).containsExactly("a", "b");
            assertThat(d.firstRegion()).isEqualTo("a");
            assertThat(d.cause()).isEqualTo("HTTP 503");
        });
    }

    @Test
    void aFailureWaitsForConfirmationWithinTheWindow() {
        RoundVerdict verdict = judge.judge(round(
                RoundResult.failed("a", JobKind.SCHEDULED, "timeout", at(1)),
                RoundResult.ok("b", JobKind.SCHEDULED, 40, at(1))), monitor(1, "a", "b", "c"), at(2));

        // window = 2 x 5 s timeout + 15 s settle, from the failure's arrival. b passed its own check: asked at once;
        // c, not heard from, is not asked (its own check of the round will answer, or it cannot answer at all).
        assertThat(verdict).isEqualTo(new RoundVerdict.Pending(at(1).plus(Duration.ofSeconds(25)), List.of("b")));
    }

    @Test
    void noRegionIsAskedWhenTheRegionsOwnChecksAlreadyConfirm() {
        // Every region's own check of the round failed (a mass outage): decided without a single confirmation run.
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "HTTP 503", at(1)),
                RoundResult.failed("b", JobKind.SCHEDULED, "HTTP 503", at(1)),
                RoundResult.failed("c", JobKind.SCHEDULED, "HTTP 503", at(1)));

        assertThat(judge.judge(round, monitor(2, "a", "b", "c"), at(2))).isInstanceOf(RoundVerdict.Down.class);
    }

    @Test
    void aRegionThatAnsweredIsNotAskedAgain() {
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "x", at(1)),
                RoundResult.ok("b", JobKind.SCHEDULED, 40, at(1)), RoundResult.ok("c", JobKind.SCHEDULED, 40, at(1)),
                RoundResult.ok("b", JobKind.CONFIRM, 40, at(3)));

        assertThat(judge.judge(round, monitor(1, "a", "b", "c"), at(4)))
                .isEqualTo(new RoundVerdict.Pending(at(26), List.of("c")));
    }

    @Test
    void aFailureNobodyConfirmsIsNotConfirmedWhenTheWindowEnds() {
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "timeout", at(1)),
                RoundResult.ok("b", JobKind.SCHEDULED, 40, at(1)), RoundResult.ok("c", JobKind.SCHEDULED, 40, at(1)));

        assertThat(judge.judge(round, monitor(1, "a", "b", "c"), at(26)))
                .isInstanceOfSatisfying(RoundVerdict.NotConfirmed.class,
                        n -> assertThat(n.failedRegions()).containsExactly("a"));
    }

    @Test
    void passingConfirmationRunsRefuteAFailureEarly() {
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "timeout", at(1)),
                RoundResult.ok("b", JobKind.CONFIRM, 40, at(3)), RoundResult.ok("c", JobKind.CONFIRM, 40, at(3)));

        assertThat(judge.judge(round, monitor(1, "a", "b", "c"), at(4))).isInstanceOf(RoundVerdict.NotConfirmed.class);
    }

    @Test
    void aFailingConfirmationCountsEvenWhenThatRegionsScheduledCheckPassedBeforeTheOutage() {
        Round round = round(RoundResult.ok("b", JobKind.SCHEDULED, 40, at(0)),
                RoundResult.failed("a", JobKind.SCHEDULED, "refused", at(1)),
                RoundResult.failed("b", JobKind.CONFIRM, "refused", at(4)));

        assertThat(judge.judge(round, monitor(1, "a", "b", "c"), at(5))).isInstanceOf(RoundVerdict.Down.class);
    }

    @Test
    void twoConfirmationsNeedTwoOtherRegions() {
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "x", at(1)),
                RoundResult.failed("b", JobKind.CONFIRM, "x", at(2)), RoundResult.ok("c", JobKind.CONFIRM, 40, at(2)));

        assertThat(judge.judge(round, monitor(2, "a", "b", "c"), at(3))).isInstanceOf(RoundVerdict.NotConfirmed.class);
    }

    @Test
    void noConfirmationsNeededMeansTheFirstFailureIsDown() {
        assertThat(judge.judge(round(RoundResult.failed("a", JobKind.SCHEDULED, "x", at(1))), monitor(0, "a", "b"),
                at(1))).isInstanceOf(RoundVerdict.Down.class);
    }

    @Test
    void aSuccessfulRoundWaitsForItsRegionsUntilTheSettleTime() {
        MonitorSettings m = monitor(1, "a", "b", "c");
        Round partial = round(RoundResult.ok("a", JobKind.SCHEDULED, 40, at(1)));

        assertThat(judge.judge(partial, m, at(2))).isEqualTo(new RoundVerdict.Pending(at(20)));
        assertThat(judge.judge(partial, m, at(20))).isEqualTo(new RoundVerdict.Up(false));
        Round complete = round(RoundResult.ok("a", JobKind.SCHEDULED, 40, at(1)),
                RoundResult.ok("b", JobKind.SCHEDULED, 40, at(1)), RoundResult.ok("c", JobKind.SCHEDULED, 40, at(1)));
        assertThat(judge.judge(complete, m, at(2))).isEqualTo(new RoundVerdict.Up(false));
    }

    @Test
    void aRoundIsSlowWhenMostRegionsAreSlowerThanTheThreshold() {
        Round round = round(RoundResult.ok("a", JobKind.SCHEDULED, 1500, at(1)),
                RoundResult.ok("b", JobKind.SCHEDULED, 1800, at(1)), RoundResult.ok("c", JobKind.SCHEDULED, 40, at(1)));

        assertThat(judge.judge(round, monitor(1, "a", "b", "c"), at(2))).isEqualTo(new RoundVerdict.Up(true));
    }

    @Test
    void anOldRoundArrivingFromABacklogStillWaitsForItsOtherRegions() {
        Instant arrival = T0.plus(Duration.ofHours(1));
        Round partial = round(RoundResult.ok("a", JobKind.SCHEDULED, 40, arrival));

        assertThat(judge.judge(partial, monitor(1, "a", "b", "c"), arrival.plusSeconds(1)))
                .isEqualTo(new RoundVerdict.Pending(arrival.plusSeconds(15)));
    }

    /** {@code monitor(confirmations, regions)} with its own failures in a row. */
    private static MonitorSettings withFailuresInRow(int inRow, int confirmations, String... regions) {
        MonitorSettings m = monitor(confirmations, regions);
        return new MonitorSettings(m.id(), m.workspaceId(), m.name(), m.check(), m.regions(), m.confirmations(),
                m.timeoutMs(), m.intervalSeconds(), m.degradedAboveMs(), m.paused(),
                new MonitorSettings.Noise(inRow, null, null, null, null));
    }

    @Test
    void aFailureShortOfTheFailuresInARowIsToleratedOnceEveryRegionReported() {
        MonitorSettings m = withFailuresInRow(3, 1, "a", "b");
        Round round = round(RoundResult.failed("a", JobKind.SCHEDULED, "HTTP 503", at(1)),
                RoundResult.failed("b", JobKind.SCHEDULED, "HTTP 503", at(1)));

        // Both regions have failed once before: this is their second failure in a row of the three needed.
        assertThat(judge.judge(round, m, at(2), Map.of("a", 1, "b", 1)))
                .isEqualTo(new RoundVerdict.Tolerated(List.of("a", "b"), List.of(), "HTTP 503"));
        // Their third: down.
        assertThat(judge.judge(round, m, at(2), Map.of("a", 2, "b", 2))).isInstanceOf(RoundVerdict.Down.class);
    }

    @Test
    void aToleratedFailureWaitsForTheRegionsStillToReport() {
        MonitorSettings m = withFailuresInRow(3, 1, "a", "b");
        Round round = round(RoundResult.failed("b", JobKind.SCHEDULED, "HTTP 503", at(1)));

        // a, two failures in a row behind it, may still report its third.
        assertThat(judge.judge(round, m, at(2), Map.of("a", 2))).isInstanceOf(RoundVerdict.Pending.class);
    }

    @Test
    void aRegionAtItsFailuresInARowOpensTheQuestionAndAnyOtherFailureConfirmsIt() {
        MonitorSettings m = withFailuresInRow(3, 1, "a", "b", "c");
        Round round = round(RoundResult.failed("b", JobKind.SCHEDULED, "x", at(1)),
                RoundResult.failed("a", JobKind.SCHEDULED, "y", at(2)), RoundResult.ok("c", JobKind.SCHEDULED, 40, at(1)));

        assertThat(judge.judge(round, m, at(3), Map.of("a", 2))).isInstanceOfSatisfying(RoundVerdict.Down.class,
                d -> assertThat(d.firstRegion()).isEqualTo("a"));
    }
}
