package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateMachineTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RoundVerdict DOWN = new RoundVerdict.Down(List.of("a", "b"), List.of(), "a", "HTTP 503");
    private static final RoundVerdict UP = new RoundVerdict.Up(false);
    private static final RoundVerdict SLOW = new RoundVerdict.Up(true);
    private static final RoundVerdict UNCONFIRMED = new RoundVerdict.NotConfirmed(List.of("a"), List.of("b"), "x");

    private final StateMachine machine = new StateMachine(EvaluationProperties.defaults());

    /** Replays verdicts a minute apart, keeping the incident context as the evaluator would. */
    private final class Replay {
        final NoiseRules rules;
        MonitorState state = MonitorState.initial(UUID.randomUUID());
        boolean open;
        Instant lastResolved;
        final List<StateMachine.Effect> effects = new ArrayList<>();
        int minute;

        Replay() {
            this(NoiseRules.of(EvaluationProperties.defaults()));
        }

        Replay(NoiseRules rules) {
            this.rules = rules;
        }

        Replay play(RoundVerdict... verdicts) {
            for (RoundVerdict verdict : verdicts) {
                Instant at = T0.plus(Duration.ofMinutes(minute++));
                StateMachine.Step step = machine.apply(state, verdict, at, at,
                        new StateMachine.IncidentContext(open, lastResolved, false), rules);
                for (StateMachine.Effect effect : step.effects()) {
                    if (effect instanceof StateMachine.OpenIncident || effect instanceof StateMachine.ReopenIncident) {
                        open = true;
                    } else if (effect instanceof StateMachine.ResolveIncident) {
                        open = false;
                        lastResolved = at;
                    }
                }
                effects.addAll(step.effects());
                state = step.next();
            }
            return this;
        }

        long count(Class<? extends StateMachine.Effect> type) {
            return effects.stream().filter(type::isInstance).count();
        }

        List<String> events() {
            return effects.stream().filter(StateMachine.Notify.class::isInstance)
                    .map(e -> ((StateMachine.Notify) e).event()).toList();
        }
    }

    @Test
    void aDownRoundOpensOneIncidentAndASuccessfulRoundResolvesIt() {
        Replay replay = new Replay().play(UP, DOWN, DOWN, DOWN, UP);

        assertThat(replay.count(StateMachine.OpenIncident.class)).isEqualTo(1);
        assertThat(replay.count(StateMachine.ResolveIncident.class)).isEqualTo(1);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
        assertThat(replay.effects).filteredOn(StateMachine.Transition.class::isInstance)
                .extracting(e -> ((StateMachine.Transition) e).to())
                .containsExactly(MonitorStatus.UP, MonitorStatus.DOWN, MonitorStatus.UP);
    }

    @Test
    void unconfirmedFailuresChangeNothing() {
        Replay replay = new Replay().play(UP, UNCONFIRMED, UP, UNCONFIRMED, UNCONFIRMED, UP);

        assertThat(replay.count(StateMachine.OpenIncident.class)).isZero();
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void recoveryWaitsForTheConfiguredNumberOfGoodRounds() {
        StateMachine strict = new StateMachine(new EvaluationProperties(Duration.ofSeconds(15), null, 1, 3, 2,
                true, Duration.ofMinutes(30), 4, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(1),
                200, 4));
        MonitorState state = MonitorState.initial(UUID.randomUUID());
        StateMachine.IncidentContext open = new StateMachine.IncidentContext(true, null, false);
        state = strict.apply(state, DOWN, T0, T0, new StateMachine.IncidentContext(false, null, false)).next();
        state = strict.apply(state, UP, T0.plusSeconds(60), T0, open).next();
        state = strict.apply(state, UP, T0.plusSeconds(120), T0, open).next();
        assertThat(state.status()).isEqualTo(MonitorStatus.DOWN);

        StateMachine.Step third = strict.apply(state, UP, T0.plusSeconds(180), T0, open);

        assertThat(third.next().status()).isEqualTo(MonitorStatus.UP);
        assertThat(third.effects()).hasAtLeastOneElementOfType(StateMachine.ResolveIncident.class);
    }

    @Test
    void slowRoundsInARowMakeTheMonitorDegradedAndAFastOneRestoresIt() {
        Replay replay = new Replay().play(UP, SLOW);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);

        replay.play(SLOW);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.DEGRADED);
        replay.play(UP);

        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
        assertThat(replay.effects).filteredOn(StateMachine.Notify.class::isInstance)
                .extracting(e -> ((StateMachine.Notify) e).event())
                .containsExactly("monitor.degraded", "monitor.restored");
    }

    @Test
    void aFlappingMonitorKeepsOneIncidentInsteadOfAStorm() {
        Replay replay = new Replay().play(UP);
        for (int i = 0; i < 10; i++) {
            replay.play(DOWN, UP);
        }

        assertThat(replay.count(StateMachine.OpenIncident.class)).isEqualTo(1);
        assertThat(replay.count(StateMachine.ResolveIncident.class)).isEqualTo(1);
        assertThat(replay.count(StateMachine.ReopenIncident.class)).isEqualTo(1);
        assertThat(replay.open).isTrue();
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(replay.effects).filteredOn(StateMachine.Note.class::isInstance).hasSize(1);

        // Stable for longer than the flapping window: resolved at last.
        for (int i = 0; i < 31; i++) {
            replay.play(UP);
        }
        assertThat(replay.open).isFalse();
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void suppressedAlertsStillTrackTheStatus() {
        MonitorState state = MonitorState.initial(UUID.randomUUID());

        StateMachine.Step step = machine.apply(state, DOWN, T0, T0,
                new StateMachine.IncidentContext(false, null, true));

        assertThat(step.next().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(step.effects()).noneMatch(StateMachine.OpenIncident.class::isInstance);
    }

    private static final RoundVerdict TOLERATED = new RoundVerdict.Tolerated(List.of("a"), List.of("b"), "x");

    /** A monitor's own settings: failures in a row 3, recovery 2, flapping at 3 changes within 10 one-minute rounds. */
    private static NoiseRules own(boolean flapDetection) {
        return new NoiseRules(3, 2, flapDetection, 3, Duration.ofMinutes(10), "10 rounds");
    }

    @Test
    void aToleratedFailureChangesNoStatusButRestartsTheRecoveryCount() {
        Replay replay = new Replay(own(true)).play(TOLERATED);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.PENDING);

        replay.play(UP, TOLERATED, UP, DOWN, UP, TOLERATED, UP);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(replay.open).isTrue();

        replay.play(UP);
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
        assertThat(replay.open).isFalse();
    }

    @Test
    void aFlappingMonitorIsAnnouncedOnceAndOnceMoreWhenItSettles() {
        Replay replay = new Replay(own(true)).play(UP);
        for (int i = 0; i < 6; i++) {
            replay.play(DOWN, UP, UP);
        }
        assertThat(replay.events()).containsExactly("monitor.flapping");
        assertThat(replay.count(StateMachine.OpenIncident.class)).isEqualTo(1);
        assertThat(replay.open).isTrue();

        for (int i = 0; i < 10; i++) {
            replay.play(UP);
        }
        assertThat(replay.events()).containsExactly("monitor.flapping", "monitor.settled");
        assertThat(replay.open).isFalse();
        assertThat(replay.state.flapping()).isFalse();
        assertThat(replay.state.status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void withoutFlapDetectionEveryOutageIsItsOwnAlert() {
        Replay replay = new Replay(own(false)).play(UP);
        for (int i = 0; i < 6; i++) {
            replay.play(DOWN, UP, UP);
        }

        assertThat(replay.events()).isEmpty();
        assertThat(replay.state.flapping()).isFalse();
        assertThat(replay.count(StateMachine.ResolveIncident.class)).isEqualTo(6);
        assertThat(replay.open).isFalse();
    }
}
