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
 *       {@code recoveryRounds} of them in a row the monitor is UP again and its incident resolved, unless it is
 *       flapping, in which case the incident is held open until the flips age out of the window. A tolerated failure
 *       (fewer than {@code failuresInRow} in a row) changes no status but starts the count toward recovery again.</li>
 *   <li>Flapping (Nagios' flap detection): {@code flapTransitions} up/down changes within the flap window make the
 *       monitor flapping. It is said once ({@code monitor.flapping}, and a FLAPPING line on the open incident); while
 *       it lasts the incident stays open, so no opened/resolved alert goes out per flip; once the changes age out of
 *       the window it is said once more ({@code monitor.settled}), and a monitor UP by then resolves its incident.</li>
 *   <li>Slow rounds: {@code degradedRounds} in a row make an UP monitor DEGRADED; a fast one makes it UP again.</li>
 * </ol>
 *
 * <p>The thresholds are the monitor's own where it has them ({@link NoiseRules}), else the deployment's.
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

    /**
     * An outbox event without an incident (monitor.degraded, monitor.restored, monitor.flapping, monitor.settled);
     * {@code message} null: the evaluator words it.
     */
    record Notify(String event, String message) implements Effect {

        Notify(String event) {
            this(event, null);
        }
    }

    record Step(MonitorState next, List<Effect> effects) {
    }

    /** Applies a round by the deployment's noise settings alone. */
    Step apply(MonitorState state, RoundVerdict verdict, Instant roundAt, Instant now, IncidentContext incidents) {
        return apply(state, verdict, roundAt, now, incidents, NoiseRules.of(properties));
    }

    Step apply(MonitorState state, RoundVerdict verdict, Instant roundAt, Instant now, IncidentContext incidents,
               NoiseRules rules) {
        if (verdict instanceof RoundVerdict.Pending) {
            throw new IllegalArgumentException("a pending round cannot be applied");
        }
        boolean down = verdict instanceof RoundVerdict.Down;
        boolean tolerated = verdict instanceof RoundVerdict.Tolerated;
        boolean slow = verdict instanceof RoundVerdict.Up up && up.slow();

        List<Instant> flips = new ArrayList<>(state.flips().stream()
                .filter(t -> t.isAfter(roundAt.minus(rules.flapWindow()))).toList());
        if (state.status() != MonitorStatus.PENDING && down != state.failing()) {
            flips.add(roundAt);
        }
        boolean flapping = rules.flapDetection() && flips.size() >= rules.flapTransitions();

        List<Effect> effects = new ArrayList<>();
        if (state.flapping() && !flapping) {
            // Said before a resolution this round may bring, so the timeline reads in order.
            effects.add(new Notify("monitor.settled", "Stable again: fewer than " + rules.flapTransitions()
                    + " up/down changes within " + rules.flapWindowText()));
            if (incidents.open()) {
                effects.add(new Note("SETTLED", "No longer flapping: fewer than " + rules.flapTransitions()
                        + " up/down changes within " + rules.flapWindowText()));
            }
        }
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
            consecutiveOk = tolerated ? 0 : state.consecutiveOk() + 1;
            consecutiveSlow = slow ? state.consecutiveSlow() + 1 : 0;
            boolean holdDown = state.status() == MonitorStatus.DOWN
                    && (consecutiveOk < rules.recoveryRounds() || (flapping && incidents.open()));
            if (holdDown) {
                to = MonitorStatus.DOWN;
            } else if (tolerated && state.status() == MonitorStatus.PENDING) {
                to = MonitorStatus.PENDING; // a failure that does not count yet is no proof of UP either
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
        if (flapping && !state.flapping()) {
            effects.add(new Notify("monitor.flapping", "Flapping: " + flips.size() + " up/down changes within "
                    + rules.flapWindowText() + "; no alert per change until it is stable"));
            if (incidentOpen) {
                effects.add(new Note("FLAPPING", "Flapping: " + flips.size() + " up/down changes within "
                        + rules.flapWindowText() + "; this incident stays open until the monitor is stable"));
            }
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
                flips, flapping, state.regionFailures());
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
