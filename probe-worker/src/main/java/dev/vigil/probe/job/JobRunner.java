package dev.vigil.probe.job;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.sqs.MessageHandler;
import dev.vigil.common.sqs.PackingPublisher;
import dev.vigil.common.sqs.ReceivedMessage;
import dev.vigil.probe.check.CheckEngine;
import dev.vigil.probe.check.CheckOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Handles one job message on its virtual thread: one job, or a pack of them (the scheduler's jobs of one turn for this
 * queue), which run side by side. The consumer deletes the message only when the returned stage completes normally,
 * so nothing is acknowledged before its results are on the {@code results} queue.
 *
 * <ol>
 *   <li>A job waits for one of its workspace's {@code vigil.probe.max-in-flight-per-workspace} permits (so one tenant's
 *       hanging checks cannot take every slot; see {@link WorkspaceSlots}), then for one of
 *       {@code vigil.probe.max-in-flight} check slots. A job older than its interval by then is
 *       dropped, counted and reported ({@link SkippedCheckReporter}): a newer round is already due. So is a
 *       confirmation this worker has already answered (a redelivered one, or one asked again by an older
 *       deployment).</li>
 *   <li>The check runs under a {@link CheckWatchdog}: one that outlives its timeout plus
 *       {@code vigil.probe.watchdog-grace} is recorded as a timeout and its slot freed. The message's visibility is
 *       extended meanwhile when the check may outlast it.</li>
 *   <li>A failure is retried once, locally, after {@code vigil.probe.retry-delay}: a blip does not ask other regions
 *       to spend a check.</li>
 *   <li>The result (attempts 1 or 2) is published, packed with the results of jobs finishing at about the same time
 *       into one message. Whether other regions must confirm a failure is the alerting service's question: it sees
 *       every region's result of the round and asks once per round.</li>
 *   <li>Only then does the stage complete. If publishing fails, the stage fails and SQS redelivers the job later: the
 *       result may then be published twice, which the alerting service stores once (by job id).</li>
 * </ol>
 */
class JobRunner implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** Time for publishing after the check, on top of the check's own worst case. */
    private static final Duration PUBLISH_MARGIN = Duration.ofSeconds(10);
    /** A pack's message is kept hidden for as long as its jobs run, however many wait for a check slot. */
    private static final Duration UNTIL_DONE = Duration.ofDays(1);

    private final CheckEngine engine;
    private final PackingPublisher<CheckResult> results;
    private final String region;
    private final Duration retryDelay;
    private final Pause pause;
    private final Function<String, Duration> visibilityOfQueue;
    private final VisibilityKeeper keeper;
    private final ProbeMetrics metrics;
    private final SkippedCheckReporter skipped;
    private final RecentConfirmations recentConfirmations = new RecentConfirmations();
    private final Semaphore slots;
    private final WorkspaceSlots workspaceSlots;
    private final CheckWatchdog watchdog;
    private final Duration watchdogGrace;
    private final Clock clock;
    private final ArtifactSender artifacts;

    JobRunner(CheckEngine engine, PackingPublisher<CheckResult> results, String region, int maxInFlight,
              int maxInFlightPerWorkspace, Duration retryDelay, Duration watchdogGrace, Pause pause,
              Function<String, Duration> visibilityOfQueue, ProbeMetrics metrics, SkippedCheckReporter skipped,
              Clock clock) {
        this(engine, results, region, maxInFlight, maxInFlightPerWorkspace, retryDelay, watchdogGrace, pause,
                visibilityOfQueue, metrics, skipped, clock, ArtifactSender.NONE);
    }

    /**
     * @param results     the results queue's publisher: results of jobs finishing together go out as one message
     * @param maxInFlight checks running at once at most, whatever the number of messages (a pack holds many jobs)
     * @param maxInFlightPerWorkspace check slots one workspace may hold at once
     * @param watchdogGrace how long past its timeout a check may run before it is abandoned
     * @param skipped     told of every scheduled job dropped as stale, for the monitors' owners to see
     */
    JobRunner(CheckEngine engine, PackingPublisher<CheckResult> results, String region, int maxInFlight,
              int maxInFlightPerWorkspace, Duration retryDelay, Duration watchdogGrace, Pause pause,
              Function<String, Duration> visibilityOfQueue, ProbeMetrics metrics, SkippedCheckReporter skipped,
              Clock clock, ArtifactSender artifacts) {
        this.engine = engine;
        this.artifacts = artifacts;
        this.results = results;
        this.slots = new Semaphore(maxInFlight);
        this.workspaceSlots = new WorkspaceSlots(Math.min(maxInFlight, maxInFlightPerWorkspace));
        this.region = region;
        this.retryDelay = retryDelay;
        this.pause = pause;
        this.visibilityOfQueue = visibilityOfQueue;
        this.keeper = new VisibilityKeeper(metrics);
        this.metrics = metrics;
        this.skipped = skipped;
        this.watchdog = new CheckWatchdog(watchdogGrace, metrics);
        this.watchdogGrace = watchdogGrace;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> handle(ReceivedMessage message) {
        List<CheckJob> jobs;
        try {
            jobs = WireJson.readList(message.body(), CheckJob.class);
        } catch (JacksonException e) {
            // Not a job: retrying cannot help, and the dead-letter queue keeps it for a person after three receives.
            log.warn("unreadable job message id={} queue={} error={}", message.messageId(), message.queueName(),
                    e.getOriginalMessage());
            return CompletableFuture.failedFuture(e);
        }
        metrics.queueWait(Duration.between(message.sentAt(), clock.instant()));
        Duration visibility = visibilityOfQueue.apply(message.queueUrl());
        // A message received before was taken by a worker that never finished it (crashed or killed mid-check, its
        // result unpublished): it came back only after the visibility timeout, extended at most once more by the
        // keeper. Its jobs still run within that much past their interval, so the round is checked and stored once,
        // late, instead of lost.
        Duration redeliveryGrace = message.receiveCount() > 1 ? visibility.multipliedBy(2) : Duration.ZERO;
        if (jobs.size() == 1) {
            CheckJob job = jobs.getFirst();
            Duration budget = Duration.ofMillis(2L * job.timeoutMs()).plus(watchdogGrace.multipliedBy(2))
                    .plus(retryDelay).plus(PUBLISH_MARGIN);
            try (AutoCloseable ignored = keeper.keep(message, visibility, budget)) {
                runJob(job, redeliveryGrace);
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // A pack (the scheduler's jobs of one turn for this queue): its jobs run side by side, each on a virtual thread
        // of its own, and the message is done when all are; if one fails, the whole pack comes back and its other
        // jobs' results are published again, which ingest stores once.
        try (AutoCloseable ignored = keeper.keep(message, visibility, UNTIL_DONE);
             ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> running = new ArrayList<>(jobs.size());
            for (CheckJob job : jobs) {
                running.add(each.submit(() -> {
                    runJob(job, redeliveryGrace);
                    return null;
                }));
            }
            for (Future<Void> job : running) {
                job.get();
            }
            return CompletableFuture.completedFuture(null);
        } catch (ExecutionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs one job: dropped if it is stale once a check slot is free (its round's interval passed: a newer round is
     * due) or a confirmation this worker already answered; else checked, retried once after a pause, and published.
     * A slot is held only while a check attempt runs, not during the pause before the retry nor while the result
     * waits for its pack: in a mass outage every job pauses, and holding slots through the pause would cap a worker at
     * {@code max-in-flight} jobs per retry delay.
     */
    private void runJob(CheckJob job, Duration redeliveryGrace) throws InterruptedException {
        Instant startedAt;
        CheckOutcome outcome;
        if (!acquireSlot(job, redeliveryGrace)) {
            metrics.stale();
            log.debug("job dropped: its workspace's checks held every permit it may have until the job went stale "
                    + "job={} workspace={} scheduledAt={}", job.jobId(), job.workspaceId(), job.scheduledAt());
            return;
        }
        try {
            Instant now = clock.instant();
            if (job.isStaleAt(now, redeliveryGrace)) {
                metrics.stale();
                if (job.kind() == JobKind.SCHEDULED) {
                    skipped.skipped(job, ChecksSkipped.Run.STALE);
                }
                log.debug("stale job dropped job={} scheduledAt={} interval={}s", job.jobId(), job.scheduledAt(),
                        job.intervalSeconds());
                return;
            }
            if (!engine.runs(job.check().type())
                    && (job.kind() == JobKind.SCHEDULED || job.kind() == JobKind.CONFIRM)) {
                // A job this probe cannot run at all (a BROWSER job reached a probe without a usable browser: the
                // region's fleet is mixed, or the scheduler had not yet seen this probe's heartbeat) is no data, not a
                // failure of the target: reported like a skipped round, never a false DOWN. A check a person asked
                // for still answers, with the reason, to the person waiting for it.
                metrics.unrunnable(job.check().type());
                if (job.kind() == JobKind.SCHEDULED) {
                    skipped.skipped(job, ChecksSkipped.Run.UNRUNNABLE);
                }
                log.debug("job of a type this probe does not run dropped job={} type={}", job.jobId(),
                        job.check().type());
                return;
            }
            if (job.kind() == JobKind.CONFIRM && recentConfirmations.isCompleted(job.jobId())) {
                metrics.duplicateConfirmation();
                log.debug("confirmation already answered job={} round={}", job.jobId(), job.roundId());
                return;
            }
            startedAt = now;
            outcome = attempt(job);
        } finally {
            releaseSlot(job);
        }
        int attempts = 1;
        // A check someone asked for (a one-shot check, "test now", "run now") answers what the target does now, to a
        // person waiting for it: no second try hiding a failure, and no retry delay on top of the wait. A browser
        // check is not retried at once either: it costs a browser and its steps already waited for the page.
        if (!outcome.ok() && (job.kind() == JobKind.SCHEDULED || job.kind() == JobKind.CONFIRM)
                && job.check().type() != MonitorType.BROWSER) {
            pause.pause(retryDelay);
            // A workspace at its cap until the job goes stale gets the first attempt's result, not a retry.
            if (acquireSlot(job, redeliveryGrace)) {
                try {
                    outcome = attempt(job);
                } finally {
                    releaseSlot(job);
                }
                attempts = 2;
                metrics.retried(outcome.ok());
            }
        }
        // The screenshot first, so whoever reads the failed result can already fetch it.
        artifacts.send(job, outcome).join();
        // Complete only when SQS has the result; the caller is a virtual thread, so waiting here is cheap.
        results.publish(result(job, outcome, startedAt, attempts)).join();
        if (job.kind() == JobKind.CONFIRM) {
            recentConfirmations.completed(job.jobId());
        }
    }

    /**
     * The workspace's permit first (waiting for it must not hold a slot other workspaces could use), for no longer
     * than until the job goes stale: a workspace whose checks hang then loses its own late rounds, and its waiting
     * jobs do not pile up without bound. False when no permit came in time.
     */
    private boolean acquireSlot(CheckJob job, Duration redeliveryGrace) throws InterruptedException {
        Duration untilStale = Duration.between(clock.instant(),
                job.scheduledAt().plusSeconds(Math.max(job.intervalSeconds(), 1)).plus(redeliveryGrace));
        if (!workspaceSlots.tryAcquire(job.workspaceId(), untilStale)) {
            return false;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            workspaceSlots.release(job.workspaceId());
            throw e;
        }
        return true;
    }

    private void releaseSlot(CheckJob job) {
        slots.release();
        workspaceSlots.release(job.workspaceId());
    }

    private CheckOutcome attempt(CheckJob job) throws InterruptedException {
        CheckOutcome outcome;
        metrics.started();
        try {
            outcome = watchdog.run(job, engine::run);
        } finally {
            metrics.finished();
        }
        metrics.checked(job.check().type(), outcome.ok() ? (outcome.degraded() ? "degraded" : "up") : "down",
                outcome.latencyMs());
        if (outcome.blocked()) {
            metrics.refused(job.check().type());
        }
        return outcome;
    }

    private CheckResult result(CheckJob job, CheckOutcome outcome, Instant startedAt, int attempts) {
        return new CheckResult(job.jobId(), job.roundId(), job.monitorId(), job.workspaceId(), region, job.kind(),
                job.scheduledAt(), startedAt, outcome.ok(), outcome.degraded(), outcome.latencyMs(),
                outcome.timings(), outcome.statusCode(), outcome.error(), outcome.message(), outcome.assertions(),
                outcome.perfData(), outcome.tlsDaysLeft(), outcome.responseBytes(), attempts,
                outcome.synthetic());
    }

    /**
     * Sends the results still packing and the skipped checks not yet reported, and stops the visibility timer (at
     * shutdown, after the consumer stopped).
     */
    void close() {
        results.close();
        skipped.close();
        keeper.close();
    }
}
