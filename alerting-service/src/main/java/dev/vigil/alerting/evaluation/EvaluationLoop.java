package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.ingest.ResultsStoredListener;
import dev.vigil.common.lifecycle.BackgroundThread;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs evaluations: finds monitors whose evaluation is due ({@code monitor_states.next_evaluation_at}, set by ingest
 * when results arrive, by the heartbeat ping trigger, and by evaluations waiting for a deadline) and evaluates them:
 * probed monitors in a few batches of one transaction each (see {@link RoundEvaluator#evaluate(java.util.Collection)}),
 * heartbeat monitors each in its own transaction. Woken at once when a batch of results commits; otherwise sweeps every
 * {@code sweepInterval}. Every instance runs it; the row lock taken per monitor makes that safe.
 */
@Component
class EvaluationLoop extends BackgroundThread implements ResultsStoredListener {

    private static final Logger log = LoggerFactory.getLogger(EvaluationLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final MonitorStates states;
    private final RoundEvaluator rounds;
    private final HeartbeatEvaluator heartbeats;
    private final EvaluationProperties properties;
    private final TransactionTemplate transactions;
    private final Semaphore nudge = new Semaphore(0);
    private final Counter failures;
    private final AtomicInteger consecutiveSweepFailures = new AtomicInteger();
    private ExecutorService workers;

    EvaluationLoop(MonitorStates states, RoundEvaluator rounds, HeartbeatEvaluator heartbeats,
                   EvaluationProperties properties, PlatformTransactionManager transactionManager,
                   MeterRegistry meters) {
        super(Thread.ofPlatform().daemon().name("evaluation-loop"), STOP_WAIT);
        this.states = states;
        this.rounds = rounds;
        this.heartbeats = heartbeats;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.failures = Counter.builder("vigil.evaluation.failures")
                .description("Monitor evaluations that failed and will be retried").register(meters);
    }

    @Override
    public void resultsStored() {
        nudge.release();
    }

    @Override
    protected void beforeStart() {
        workers = Executors.newFixedThreadPool(properties.concurrency(),
                Thread.ofPlatform().daemon().name("evaluator-", 0).factory());
    }

    @Override
    protected void wake() {
        nudge.release();
    }

    @Override
    protected void afterStop() {
        // An evaluation cut short rolls back and stays due: another instance (or the next start) redoes it.
        interrupt();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    protected void run() {
        while (isRunning()) {
            int evaluated = 0;
            try {
                evaluated = sweep();
                if (consecutiveSweepFailures.getAndSet(0) > 0) {
                    log.info("evaluation sweeps work again");
                }
            } catch (RuntimeException e) {
                // The database is down or restarting: results wait in SQS meanwhile; retry at the next sweep.
                if (consecutiveSweepFailures.incrementAndGet() == 1) {
                    log.warn("evaluation sweep failed; retrying: {}", e.toString());
                } else {
                    log.debug("evaluation sweep failed again: {}", e.toString());
                }
            }
            if (evaluated < properties.batchSize()) {
                try {
                    nudge.tryAcquire(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                    nudge.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int sweep() {
        List<MonitorStates.Due> due = states.due(properties.batchSize());
        List<Future<?>> running = new ArrayList<>(due.size());
        List<UUID> probed = new ArrayList<>(due.size());
        for (MonitorStates.Due monitor : due) {
            if ("HEARTBEAT".equals(monitor.type())) {
                running.add(workers.submit(() -> evaluate(monitor)));
            } else {
                probed.add(monitor.monitorId());
            }
        }
        // Probed monitors in a few chunks, one transaction each, spread over the workers.
        int chunk = Math.max(1, (probed.size() + properties.concurrency() - 1) / properties.concurrency());
        for (int from = 0; from < probed.size(); from += chunk) {
            List<UUID> ids = probed.subList(from, Math.min(from + chunk, probed.size()));
            running.add(workers.submit(() -> evaluateProbed(ids)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // evaluate() catches everything; nothing to do.
            }
        }
        return due.size();
    }

    /**
     * Evaluates probed monitors together in one transaction; if that fails (one monitor's data the evaluator cannot
     * handle, a lost connection), each is evaluated alone, so one bad monitor cannot hold back the others.
     */
    private void evaluateProbed(List<UUID> ids) {
        try {
            transactions.executeWithoutResult(status -> rounds.evaluate(ids));
        } catch (RuntimeException e) {
            if (ids.size() == 1) {
                failures.increment();
                log.warn("evaluation failed monitor={}; it stays due and is retried: {}", ids.getFirst(), e.toString());
                return;
            }
            log.debug("batch evaluation failed, evaluating its {} monitors one by one: {}", ids.size(), e.toString());
            for (UUID id : ids) {
                evaluateProbed(List.of(id));
            }
        }
    }

    private void evaluate(MonitorStates.Due monitor) {
        try {
            transactions.executeWithoutResult(status -> {
                if ("HEARTBEAT".equals(monitor.type())) {
                    heartbeats.evaluate(monitor.monitorId());
                } else {
                    rounds.evaluate(monitor.monitorId());
                }
            });
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("evaluation failed monitor={}; it stays due and is retried: {}", monitor.monitorId(),
                    e.toString());
        }
    }

    /** Starts after the database is migrated and stops before the connection pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }
}
