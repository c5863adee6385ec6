package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.IncidentLedger.TimelineEntry;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Evaluates one probed monitor inside the caller's transaction:
 *
 * <ol>
 *   <li>claim its state row (skipped if another instance holds it or it is not due);</li>
 *   <li>read its rounds scheduled after the last applied one, oldest first;</li>
 *   <li>judge each; apply decided rounds in order to the state machine and carry out the effects (incident, timeline,
 *       outbox, transition rows, {@code monitors.status}); stop at the first round still waiting for regions or
 *       confirmations, so rounds are never applied out of order;</li>
 *   <li>save the state, due again when that pending round must be decided.</li>
 * </ol>
 */
@Component
class RoundEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RoundEvaluator.class);

    private final MonitorStates states;
    private final RoundStore rounds;
    private final IncidentLedger incidents;
    private final MaintenanceCalendar maintenance;
    private final EvaluationProperties properties;
    private final RoundJudge judge;
    private final StateMachine machine;
    private final Clock clock;
    private final MeterRegistry meters;

    RoundEvaluator(MonitorStates states, RoundStore rounds, IncidentLedger incidents, MaintenanceCalendar maintenance,
                   EvaluationProperties properties, Clock clock, MeterRegistry meters) {
        this.states = states;
        this.rounds = rounds;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.properties = properties;
        this.judge = new RoundJudge(properties);
        this.machine = new StateMachine(properties);
        this.clock = clock;
        this.meters = meters;
    }

    void evaluate(UUID monitorId) {
        Optional<MonitorStates.Locked> locked = states.lockIfDue(monitorId);
        Optional<MonitorSettings> found = rounds.settingsOf(monitorId);
        if (locked.isEmpty() || found.isEmpty()) {
            return;
        }
        MonitorSettings monitor = found.get();
        MonitorState state = locked.get().state();
        Instant now = clock.instant();
        Duration lookback = Duration.ofSeconds(3L * monitor.intervalSeconds());
        Instant after = state.lastRoundAt() != null ? state.lastRoundAt()
                : now.minus(lookback.compareTo(properties.lookback()) > 0 ? lookback : properties.lookback());
        Optional<UUID> open = incidents.openIncidentOf(monitorId);
        boolean suppressed = monitor.paused() || maintenance.inMaintenance(monitorId, now);
        StateMachine.IncidentContext context = new StateMachine.IncidentContext(open.isPresent(),
                incidents.lastResolvedAt(monitorId).orElse(null), suppressed);
        Instant nextEvaluation = null;
        for (Round round : rounds.roundsBetween(monitorId, after, now.plus(Duration.ofMinutes(1)))) {
            RoundVerdict verdict = judge.judge(round, monitor, now);
            if (verdict instanceof RoundVerdict.Pending pending) {
                nextEvaluation = pending.decideBy();
                break;
            }
            rounds.recordVerdict(monitorId, round, verdict, now);
            count(verdict);
            if (monitor.paused()) {
                state = state.appliedThrough(round.scheduledAt());
                continue;
            }
            StateMachine.Step step = machine.apply(state, verdict, round.scheduledAt(), now, context);
            open = carryOut(step.effects(), monitor, round, verdict, open);
            context = new StateMachine.IncidentContext(open.isPresent(),
                    open.isPresent() ? null : incidents.lastResolvedAt(monitorId).orElse(null), suppressed);
            state = step.next();
        }
        states.save(state, locked.get().lastPingId(), nextEvaluation);
    }

    private Optional<UUID> carryOut(List<StateMachine.Effect> effects, MonitorSettings monitor, Round round,
                                    RoundVerdict verdict, Optional<UUID> open) {
        MonitorRef ref = monitor.ref();
        Instant at = round.scheduledAt();
        Optional<UUID> incident = open;
        for (StateMachine.Effect effect : effects) {
            switch (effect) {
                case StateMachine.OpenIncident o -> {
                    incident = Optional.of(incidents.open(ref, IncidentKind.DOWN, o.cause(), o.regions(), at,
                            timeline(o, monitor)));
                    log.info("incident opened monitor={} incident={} regions={} cause={}", monitor.id(),
                            incident.get(), o.regions(), o.cause());
                }
                case StateMachine.ReopenIncident r -> {
                    incident = incidents.reopenLatest(ref, at, r.message());
                    log.info("incident reopened monitor={} incident={}", monitor.id(), incident.orElse(null));
                }
                case StateMachine.ResolveIncident r -> {
                    if (incident.isPresent()) {
                        incidents.resolve(incident.get(), ref, at, r.message());
                        log.info("incident resolved monitor={} incident={}", monitor.id(), incident.get());
                    }
                    incident = Optional.empty();
                }
                case StateMachine.Note n -> incident.ifPresent(id -> incidents.note(id, at, n.type(), n.message()));
                case StateMachine.Notify n -> incidents.notifyMonitor(ref, n.event(), at,
                        n.event().equals("monitor.degraded") ? "Slower than " + monitor.degradedAboveMs() + " ms"
                                : "Response times are back to normal");
                case StateMachine.Transition t -> {
                    states.recordTransition(monitor.id(), monitor.workspaceId(), t.from(), t.to(), at, t.reason(),
                            round.roundId(), incident.orElse(null));
                    log.info("monitor status changed monitor={} from={} to={} reason=\"{}\"", monitor.id(), t.from(),
                            t.to(), t.reason());
                }
            }
        }
        return incident;
    }

    private static List<TimelineEntry> timeline(StateMachine.OpenIncident open, MonitorSettings monitor) {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry("OPENED", "Failed in " + open.firstRegion() + ": " + open.cause()));
        List<String> confirmers = open.regions().stream().filter(r -> !r.equals(open.firstRegion())).toList();
        if (!confirmers.isEmpty()) {
            entries.add(new TimelineEntry("CONFIRMED", "Confirmed from " + String.join(", ", confirmers)));
        } else {
            entries.add(new TimelineEntry("CONFIRMED", monitor.regions().size() > 1
                    ? "No confirmation required (confirmations = " + monitor.confirmations() + ")"
                    : "Single-region monitor: no other region to confirm"));
        }
        return entries;
    }

    private void count(RoundVerdict verdict) {
        String outcome = switch (verdict) {
            case RoundVerdict.Down d -> "down";
            case RoundVerdict.NotConfirmed n -> "not_confirmed";
            case RoundVerdict.Up u -> u.slow() ? "slow" : "up";
            case RoundVerdict.Pending p -> "pending";
        };
        meters.counter("vigil.evaluation.rounds", "verdict", outcome).increment();
    }
}
