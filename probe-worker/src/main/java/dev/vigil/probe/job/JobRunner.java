package dev.vigil.probe.job;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessageHandler;
import dev.vigil.common.sqs.MessagePublisher;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Handles one job message on its virtual thread. The consumer deletes the message only when the returned stage
 * completes normally, so nothing is acknowledged before its result is on the {@code results} queue.
 *
 * <ol>
 *   <li>A job older than its interval is dropped and counted: a newer round is already due. So is a confirmation this
 *       worker has already answered (several failing regions ask for the same one).</li>
 *   <li>The check runs; the message's visibility is extended meanwhile when the check may outlast it.</li>
 *   <li>A failure is retried once, locally, after {@code vigil.probe.retry-delay}: a blip does not ask other regions
 *       to spend a check.</li>
 *   <li>The result (attempts 1 or 2) is published. When the retry failed too and the job is a SCHEDULED one, a
 *       CONFIRM job goes to each other region of the monitor; CONFIRM and ON_DEMAND jobs never ask for more.</li>
 *   <li>Only then does the stage complete. If publishing fails, the stage fails and SQS redelivers the job later: the
 *       result may then be published twice, which the alerting service stores once (by job id).</li>
 * </ol>
 */
class JobRunner implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** Time for publishing after the check, on top of the check's own worst case. */
    private static final Duration PUBLISH_MARGIN = Duration.ofSeconds(10);

    private final CheckEngine engine;
    private final MessagePublisher publisher;
    private final QueueNames names;
    private final ConfirmationRequester confirmations;
    private final String region;
    private final Duration retryDelay;
    private final Pause pause;
    private final Function<String, Duration> visibilityOfQueue;
    private final VisibilityKeeper keeper;
    private final ProbeMetrics metrics;
    private final RecentConfirmations recentConfirmations = new RecentConfirmations();
    private final Clock clock;

    JobRunner(CheckEngine engine, MessagePublisher publisher, QueueNames names, String region, Duration retryDelay,
              Pause pause, Function<String, Duration> visibilityOfQueue, ProbeMetrics metrics, Clock clock) {
        this.engine = engine;
        this.publisher = publisher;
        this.names = names;
        this.confirmations = new ConfirmationRequester(publisher, names);
        this.region = region;
        this.retryDelay = retryDelay;
        this.pause = pause;
        this.visibilityOfQueue = visibilityOfQueue;
        this.keeper = new VisibilityKeeper(metrics);
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> handle(ReceivedMessage message) {
        CheckJob job;
        try {
            job = WireJson.read(message.body(), CheckJob.class);
        } catch (JacksonException e) {
            // Not a job: retrying cannot help, and the dead-letter queue keeps it for a person after three receives.
            log.warn("unreadable job message id={} queue={} error={}", message.messageId(), message.queueName(),
                    e.getOriginalMessage());
            return CompletableFuture.failedFuture(e);
        }
        Instant received = clock.instant();
        metrics.queueWait(Duration.between(message.sentAt(), received));
        if (job.isStaleAt(received)) {
            metrics.stale();
            log.debug("stale job dropped job={} scheduledAt={} interval={}s", job.jobId(), job.scheduledAt(),
                    job.intervalSeconds());
            return CompletableFuture.completedFuture(null);
        }
        if (job.kind() == JobKind.CONFIRM && recentConfirmations.isCompleted(job.jobId())) {
            metrics.duplicateConfirmation();
            log.debug("confirmation already answered job={} round={}", job.jobId(), job.roundId());
            return CompletableFuture.completedFuture(null);
        }
        Duration budget = Duration.ofMillis(2L * job.timeoutMs()).plus(retryDelay).plus(PUBLISH_MARGIN);
        metrics.started();
        try (AutoCloseable ignored = keeper.keep(message, visibilityOfQueue.apply(message.queueUrl()), budget)) {
            return run(job);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            metrics.finished();
        }
    }

    private CompletionStage<Void> run(CheckJob job) throws InterruptedException {
        Instant startedAt = clock.instant();
        CheckOutcome outcome = attempt(job);
        int attempts = 1;
        if (!outcome.ok()) {
            pause.pause(retryDelay);
            outcome = attempt(job);
            attempts = 2;
            metrics.retried(outcome.ok());
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        sends.add(publisher.publish(names.results(), result(job, outcome, startedAt, attempts)));
        if (!outcome.ok() && ConfirmationRequester.wanted(job)) {
            List<CompletableFuture<Void>> asked = confirmations.request(job, clock.instant());
            metrics.confirmationsRequested(asked.size());
            sends.addAll(asked);
            // Every failing round of a down monitor passes here: DEBUG, the counter and the results tell the rest.
            log.debug("check failed twice, confirmation requested job={} monitor={} regions={} cause={}",
                    job.jobId(), job.monitorId(), job.otherRegions(), outcome.message());
        }
        // Complete only when SQS has everything; the caller is a virtual thread, so waiting here is cheap.
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        if (job.kind() == JobKind.CONFIRM) {
            recentConfirmations.completed(job.jobId());
        }
        return CompletableFuture.completedFuture(null);
    }

    private CheckOutcome attempt(CheckJob job) {
        CheckOutcome outcome = engine.run(job);
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
                outcome.perfData(), outcome.tlsDaysLeft(), outcome.responseBytes(), attempts);
    }

    /** Stops the visibility timer (at shutdown, after the consumer has stopped). */
    void close() {
        keeper.close();
    }
}
