package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.IncidentLedger.TimelineEntry;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import dev.vigil.common.message.CheckJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Evaluates probed monitors inside the caller's transaction, a batch at a time; for each monitor:
 *
 * <ol>
 *   <li>claim its state row (skipped if another instance holds it or it is not due);</li>
 *   <li>read its rounds scheduled after the last applied one, oldest first;</li>
 *   <li>judge each; apply decided rounds in order to the state machine and carry out the effects (incident, timeline,
 *       outbox, transition rows, {@code monitors.status}); stop at the first round still waiting for regions or
 *       confirmations, so rounds are never applied out of order, and ask the regions it names to confirm its
 *       failure, once per round and region ({@link ConfirmationAsker});</li>
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
    private final ConfirmationAsker confirmations;
    private final Map<String, Counter> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

    RoundEvaluator(MonitorStates states, RoundStore rounds, IncidentLedger incidents, MaintenanceCalendar maintenance,
                   EvaluationProperties properties, ConfirmationAsker confirmations, Clock clock,
                   MeterRegistry meters) {
        this.confirmations = confirmations;
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
        evaluate(List.of(monitorId));
    }

    /**
     * Evaluates a batch of monitors in the caller's transaction. What every monitor needs is read for the whole batch
     * at once (claims, settings, incidents, maintenance, rounds: five statements whatever the batch size) and the
     * states are written back in one JDBC batch; only rounds that change something (a verdict to keep, an incident, a
     * transition) cost statements of their own. A healthy round is thus a fraction of a statement, where it used to be
     * eight statements and a transaction.
     */
    void evaluate(Collection<UUID> monitorIds) {
        Map<UUID, MonitorStates.Locked> locked = states.lockIfDue(monitorIds);
        if (locked.isEmpty()) {
            return;
        }
        Map<UUID, MonitorSettings> settings = rounds.settingsOf(locked.keySet());
        Set<UUID> ids = settings.keySet();
        if (ids.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<UUID, UUID> openIncidents = incidents.openIncidentsOf(ids);
        Map<UUID, Instant> lastResolved = incidents.lastResolvedAt(ids);
        Set<UUID> inMaintenance = maintenance.inMaintenance(ids, now);
        Map<UUID, Instant> after = new HashMap<>();
        for (UUID id : ids) {
            MonitorState state = locked.get(id).state();
            Duration lookback = Duration.ofSeconds(3L * settings.get(id).intervalSeconds());
            after.put(id, state.lastRoundAt() != null ? state.lastRoundAt()
                    : now.minus(lookback.compareTo(properties.lookback()) > 0 ? lookback : properties.lookback()));
        }
        Map<UUID, List<Round>> roundsOf = rounds.roundsBetween(after, now.plus(Duration.ofMinutes(1)));
        List<Evaluated> evaluated = new ArrayList<>(ids.size());
        List<CheckJob> questions = new ArrayList<>();
        for (UUID id : ids) {
            MonitorSettings monitor = settings.get(id);
            MonitorStates.Locked claim = locked.get(id);
            Optional<UUID> open = Optional.ofNullable(openIncidents.get(id));
            boolean suppressed = monitor.paused() || inMaintenance.contains(id);
            StateMachine.IncidentContext context = new StateMachine.IncidentContext(open.isPresent(),
                    open.isPresent() ? null : lastResolved.get(id), suppressed);
            MonitorState state = claim.state();
            NoiseRules rules = NoiseRules.of(monitor, properties);
            Evaluated result = new Evaluated(claim);
            for (Round round : roundsOf.getOrDefault(id, List.of())) {
                RoundVerdict verdict = judge.judge(round, monitor, now, state.regionFailures());
                if (verdict instanceof RoundVerdict.Pending pending) {
                    result.nextEvaluation = pending.decideBy();
                    questions.addAll(result.ask(monitor, round, pending.ask(), now));
                    break;
                }
                rounds.recordVerdict(id, round, verdict, now);
                count(verdict);
                if (monitor.paused()) {
                    state = state.appliedThrough(round.scheduledAt());
                    continue;
                }
                StateMachine.Step step = machine.apply(state, verdict, round.scheduledAt(), now, context, rules);
                if (!step.effects().isEmpty()) {
                    open = carryOut(step.effects(), monitor, round, verdict, open);
                    context = new StateMachine.IncidentContext(open.isPresent(),
                            open.isPresent() ? null : incidents.lastResolvedAt(id).orElse(null), suppressed);
                }
                state = step.next().countingFailuresOf(round);
            }
            result.state = state;
            evaluated.add(result);
        }
        Set<UUID> notSent = confirmations.ask(questions);
        List<MonitorStates.Saved> saved = new ArrayList<>(evaluated.size());
        for (Evaluated e : evaluated) {
            saved.add(e.saved(notSent, now));
        }
        states.saveAll(saved);
    }

    /** One monitor's evaluation: its new state, when it is due again, and the confirmations asked for its round. */
    private static final class Evaluated {

        /** A question that did not reach its queue is asked again this soon. */
        private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(2);

        private final MonitorStates.Locked claim;
        private MonitorState state;
        private Instant nextEvaluation;
        private UUID confirmRound;
        private final List<String> asked = new ArrayList<>();
        private final List<CheckJob> questions = new ArrayList<>();

        Evaluated(MonitorStates.Locked claim) {
            this.claim = claim;
            this.confirmRound = claim.confirmRound();
            this.asked.addAll(claim.confirmAsked());
        }

        /** The CONFIRM jobs for the regions of {@code ask} not asked yet about this round. */
        List<CheckJob> ask(MonitorSettings monitor, Round round, List<String> ask, Instant now) {
            if (!round.roundId().equals(confirmRound)) {
                confirmRound = round.roundId();
                asked.clear();
            }
            String failedRegion = round.results().stream().filter(r -> !r.ok()).map(RoundResult::region).findFirst()
                    .orElse(null);
            for (String region : ask) {
                if (!asked.contains(region)) {
                    questions.add(CheckJob.confirmation(monitor.id(), monitor.workspaceId(), round.scheduledAt(),
                            region, monitor.check(), monitor.timeoutMs(), monitor.degradedAboveMs(),
                            monitor.intervalSeconds(), monitor.regions(), monitor.confirmations(), failedRegion, now));
                }
            }
            return questions;
        }

        MonitorStates.Saved saved(Set<UUID> notSent, Instant now) {
            for (CheckJob question : questions) {
                if (notSent.contains(question.jobId())) {
                    Instant soon = now.plus(ASK_AGAIN_AFTER);
                    nextEvaluation = nextEvaluation == null || soon.isBefore(nextEvaluation) ? soon : nextEvaluation;
                } else {
                    asked.add(question.region());
                }
            }
            return new MonitorStates.Saved(state, claim.lastPingId(), nextEvaluation, confirmRound, List.copyOf(asked));
        }
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
                case StateMachine.Notify n -> {
                    incidents.notifyMonitor(ref, n.event(), at, n.message() != null ? n.message()
                            : n.event().equals("monitor.degraded") ? "Slower than " + monitor.degradedAboveMs() + " ms"
                            : "Response times are back to normal");
                    log.info("monitor event monitor={} event={}", monitor.id(), n.event());
                }
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
            case RoundVerdict.Tolerated t -> "tolerated";
            case RoundVerdict.Up u -> u.slow() ? "slow" : "up";
            case RoundVerdict.Pending p -> "pending";
        };
        verdicts.computeIfAbsent(outcome, o -> meters.counter("vigil.evaluation.rounds", "verdict", o)).increment();
    }
}
