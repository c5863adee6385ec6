package dev.vigil.alerting.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor state machine, without side effects: given the state, a decided round and what is known about the
 * monitor's incidents, it answers the next state and the effects to carry out (in order).
 *
 * <ol>
 *   <li>A DOWN round makes the monitor DOWN and opens an incident unless one is open or alerts are suppressed
 *       (paused, maintenance). Down again within {@code reopenWithin} of a resolution: that incident is reopened
 *       instead.</li>
 *   <li>A successful round (UP, or a failure nobody confirmed) counts toward recovery: after
 *       {@code recoveryRounds} of them the monitor is UP again and its incident resolved, unless it is flapping, in
 *       which case the incident is held open until the flips age out of the window.</li>
 *   <li>Slow rounds: {@code degradedRounds} in a row make an UP monitor DEGRADED; a fast one makes it UP again.</li>
 * </ol>
 */
final class StateMachine {

    private final EvaluationProperties properties;

    StateMachine(EvaluationProperties properties) {
        this.properties = properties;
    }

    /** What the evaluator knows about the monitor's incidents when it applies a round. */
    record IncidentContext(boolean open, Instant lastResolvedAt, boolean suppressed) {
    }

    /** Something to carry out because of a round. */
    sealed interface Effect {
    }

    record Transition(MonitorStatus from, MonitorStatus to, String reason) implements Effect {
    }

    record OpenIncident(String cause, List<String> regions, String firstRegion) implements Effect {
    }

    record ReopenIncident(String message) implements Effect {
    }

    record ResolveIncident(String message) implements Effect {
    }

    record Note(String type, String message) implements Effect {
    }

    /** An outbox event without an incident (monitor.degraded, monitor.restored). */
    record Notify(String event) implements Effect {
    }

    record Step(MonitorState next, List<Effect> effects) {
    }

    Step apply(MonitorState state, RoundVerdict verdict, Instant roundAt, Instant now, IncidentContext incidents) {
        if (verdict instanceof RoundVerdict.Pending) {
            throw new IllegalArgumentException("a pending round cannot be applied");
        }
        boolean down = verdict instanceof RoundVerdict.Down;
        boolean slow = verdict instanceof RoundVerdict.Up up && up.slow();

        List<Instant> flips = new ArrayList<>(state.flips().stream()
                .filter(t -> t.isAfter(roundAt.minus(properties.flapWindow()))).toList());
        if (state.status() != MonitorStatus.PENDING && down != state.failing()) {
            flips.add(roundAt);
        }
        boolean flapping = flips.size() >= properties.flapThreshold();

        List<Effect> effects = new ArrayList<>();
        MonitorStatus to;
        int consecutiveOk;
        int consecutiveSlow;
        boolean incidentOpen = incidents.open();
        if (verdict instanceof RoundVerdict.Down d) {
            to = MonitorStatus.DOWN;
            consecutiveOk = 0;
            consecutiveSlow = 0;
            if (!incidents.open() && !incidents.suppressed()) {
                if (incidents.lastResolvedAt() != null
                        && !incidents.lastResolvedAt().isBefore(roundAt.minus(properties.reopenWithin()))) {
                    effects.add(new ReopenIncident("Down again soon after recovering: " + d.cause()));
                } else {
                    effects.add(new OpenIncident(d.cause(), d.failedRegions(), d.firstRegion()));
                }
                incidentOpen = true;
            }
        } else {
            consecutiveOk = state.consecutiveOk() + 1;
            consecutiveSlow = slow ? state.consecutiveSlow() + 1 : 0;
            boolean holdDown = state.status() == MonitorStatus.DOWN
                    && (consecutiveOk < properties.recoveryRounds() || (flapping && incidents.open()));
            if (holdDown) {
                to = MonitorStatus.DOWN;
            } else {
                to = consecutiveSlow >= properties.degradedRounds()
                        || (state.status() == MonitorStatus.DEGRADED && slow) ? MonitorStatus.DEGRADED
                        : MonitorStatus.UP;
                if (incidents.open()) {
                    effects.add(new ResolveIncident("Recovered: " + consecutiveOk + " successful round"
                            + (consecutiveOk == 1 ? "" : "s") + " in a row"));
                    incidentOpen = false;
                }
            }
        }
        if (flapping && !state.flapping() && incidentOpen) {
            effects.add(new Note("FLAPPING", "Flapping: " + flips.size() + " up/down changes within "
                    + properties.flapWindow().toMinutes() + " min; this incident stays open until the monitor is "
                    + "stable"));
        }
        if (to != state.status()) {
            effects.add(new Transition(state.status(), to, reason(state, to, verdict, consecutiveOk)));
            if (to == MonitorStatus.DEGRADED && state.status() == MonitorStatus.UP) {
                effects.add(new Notify("monitor.degraded"));
            } else if (to == MonitorStatus.UP && state.status() == MonitorStatus.DEGRADED) {
                effects.add(new Notify("monitor.restored"));
            }
        }
        MonitorState next = new MonitorState(state.monitorId(), to, roundAt, down, consecutiveOk, consecutiveSlow,
                flips, flapping);
        return new Step(next, effects);
    }

    private String reason(MonitorState from, MonitorStatus to, RoundVerdict verdict, int consecutiveOk) {
        return switch (to) {
            case DOWN -> verdict instanceof RoundVerdict.Down d
                    ? "Down in " + String.join(", ", d.failedRegions()) + ": " + d.cause() : "Down";
            case DEGRADED -> "Slower than the threshold for " + properties.degradedRounds() + " rounds in a row";
            case UP -> switch (from.status()) {
                case PENDING -> "First round passed";
                case DOWN -> "Recovered after " + consecutiveOk + " successful round" + (consecutiveOk == 1 ? "" : "s");
                default -> "Fast again";
            };
            case PENDING -> "Pending";
        };
    }
}
