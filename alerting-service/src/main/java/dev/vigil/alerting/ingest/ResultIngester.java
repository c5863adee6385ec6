package dev.vigil.alerting.ingest;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.lifecycle.BackgroundThread;
import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.sqs.MessageHandler;
import dev.vigil.common.sqs.ReceivedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Collects results from the consumer into batches and writes them. Each message's stage completes (and the consumer
 * deletes the message) only after its batch commits.
 *
 * <ol>
 *   <li>A batch is written when it has {@code batchSize} results or its first result waited {@code maxDelay}.</li>
 *   <li>If the database cannot be reached, the same batch is retried with back-off for as long as it takes; the held
 *       messages' visibility is extended so SQS neither redelivers them nor counts them toward the dead-letter
 *       queue. The consumer, full, stops receiving, and the rest of the results wait in the queue.</li>
 *   <li>If a batch is refused for its data, it is split to find the offending result, which alone is failed (and
 *       reaches the dead-letter queue after its retries); the others are stored.</li>
 * </ol>
 */
@Component
class ResultIngester extends BackgroundThread implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(ResultIngester.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    private static final Duration VISIBILITY_EXTENSION = Duration.ofSeconds(60);
    private static final Duration EXTEND_EVERY = Duration.ofSeconds(20);

    private final ResultWriter writer;
    private final OneShotResultWriter oneShots;
    private final SkippedCheckWriter skipped;
    private final ArtifactWriter artifacts;
    private final List<ResultsStoredListener> listeners;
    private final IngestProperties properties;
    private final Clock clock;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Counter stored;
    private final Counter duplicates;
    private final Counter dropped;
    private final Counter writeFailures;
    private final DistributionSummary batchSizes;
    private final Timer ingestLag;

    public ResultIngester(ResultWriter writer, OneShotResultWriter oneShots, SkippedCheckWriter skipped,
                          ArtifactWriter artifacts, List<ResultsStoredListener> listeners,
                          IngestProperties properties, Clock clock, MeterRegistry meters) {
        // Stopping lets the batch in hand (and the rest of the queue) be written first.
        super(Thread.ofPlatform().name("result-ingest"), Duration.ofSeconds(30));
        this.writer = writer;
        this.oneShots = oneShots;
        this.skipped = skipped;
        this.artifacts = artifacts;
        this.listeners = List.copyOf(listeners);
        this.properties = properties;
        this.clock = clock;
        this.stored = Counter.builder("vigil.ingest.results").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("vigil.ingest.results").tag("outcome", "duplicate").register(meters);
        this.dropped = Counter.builder("vigil.ingest.results").tag("outcome", "dropped")
                .description("Results naming a monitor that does not exist in their workspace: forged or stale")
                .register(meters);
        this.writeFailures = Counter.builder("vigil.ingest.write.failures")
                .description("Batch writes that failed and were retried").register(meters);
        this.batchSizes = DistributionSummary.builder("vigil.ingest.batch.size").register(meters);
        this.ingestLag = Timer.builder("vigil.ingest.lag")
                .description("Stored time minus the round's scheduled instant").publishPercentileHistogram()
                .register(meters);
    }

    /**
     * A message holds one result, or a JSON array of them (packed by the probe); it is done when all are stored. A
     * probe's report of skipped checks (marked by its attribute) is stored at once, in its own transaction: it is rare
     * (one per probe every 10 s at most) and small. If that fails, SQS gives the report back after the visibility
     * timeout.
     */
    @Override
    public CompletionStage<Void> handle(ReceivedMessage message) {
        if (ChecksSkipped.MESSAGE_KIND.equals(message.attributes().get(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE))) {
            try {
                skipped.write(WireJson.read(message.body(), ChecksSkipped.class));
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                log.warn("storing skipped checks failed message={} error={}", message.messageId(), e.toString());
                return CompletableFuture.failedFuture(e);
            }
        }
        if (CheckArtifacts.MESSAGE_KIND.equals(message.attributes().get(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE))) {
            try {
                artifacts.write(WireJson.read(message.body(), CheckArtifacts.class));
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                log.warn("storing check artifacts failed message={} error={}", message.messageId(), e.toString());
                return CompletableFuture.failedFuture(e);
            }
        }
        List<CheckResult> results = WireJson.readList(message.body(), CheckResult.class);
        if (results.size() == 1) {
            Pending entry = new Pending(results.getFirst(), message, new CompletableFuture<>());
            pending.add(entry);
            return entry.done;
        }
        CompletableFuture<?>[] done = new CompletableFuture<?>[results.size()];
        for (int i = 0; i < done.length; i++) {
            Pending entry = new Pending(results.get(i), message, new CompletableFuture<>());
            done[i] = entry.done;
            pending.add(entry);
        }
        return CompletableFuture.allOf(done);
    }

    /** Stops after the queue consumer (which stops first and waits for its in-flight results to commit). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    @Override
    protected void wake() {
        // Not interrupted: the flusher notices within one poll and writes what is pending before it ends.
    }

    @Override
    protected void run() {
        while (isRunning() || !pending.isEmpty()) {
            List<Pending> batch = nextBatch();
            if (!batch.isEmpty()) {
                writeUntilStored(batch);
            }
        }
    }

    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>(properties.batchSize());
        try {
            Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
            long deadline = System.nanoTime() + properties.maxDelay().toNanos();
            while (batch.size() < properties.batchSize()) {
                pending.drainTo(batch, properties.batchSize() - batch.size());
                long left = deadline - System.nanoTime();
                if (batch.size() >= properties.batchSize() || left <= 0) {
                    break;
                }
                Pending next = pending.poll(left, TimeUnit.NANOSECONDS);
                if (next != null) {
                    batch.add(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }

    private void writeUntilStored(List<Pending> batch) {
        Duration backoff = Duration.ofMillis(500);
        Instant lastExtended = clock.instant();
        int failures = 0;
        while (true) {
            try {
                write(batch);
                if (failures > 0) {
                    log.info("results stored after {} failed attempt(s) count={}", failures, batch.size());
                }
                return;
            } catch (DataIntegrityViolationException e) {
                splitAndWrite(batch, e);
                return;
            } catch (RuntimeException e) {
                failures++;
                writeFailures.increment();
                if (failures == 1) {
                    log.warn("storing results failed, holding {} and retrying: {}", batch.size(), e.toString());
                } else {
                    log.debug("storing results failed again attempt={} error={}", failures, e.toString());
                }
                if (Duration.between(lastExtended, clock.instant()).compareTo(EXTEND_EVERY) >= 0) {
                    batch.stream().map(Pending::message).distinct()
                            .forEach(m -> m.extendVisibility(VISIBILITY_EXTENSION));
                    lastExtended = clock.instant();
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void write(List<Pending> batch) {
        // One-shot checks have no monitor: their results go where the api waits for them, never to check_results.
        Map<Boolean, List<CheckResult>> split = batch.stream().map(Pending::result)
                .collect(Collectors.partitioningBy(r -> r.kind() == JobKind.ONE_SHOT));
        ResultWriter.Written monitors = writer.write(split.get(false));
        ResultWriter.Written oneShot = oneShots.write(split.get(true));
        List<ResultWriter.Dropped> droppedResults = new ArrayList<>(monitors.dropped());
        droppedResults.addAll(oneShot.dropped());
        ResultWriter.Written written = new ResultWriter.Written(monitors.stored() + oneShot.stored(), droppedResults);
        Instant now = clock.instant();
        batchSizes.record(batch.size());
        stored.increment(written.stored());
        dropped.increment(written.dropped().size());
        duplicates.increment(batch.size() - written.stored() - written.dropped().size());
        if (!written.dropped().isEmpty()) {
            // Deleted from the queue like the others: retrying cannot make a forged result true.
            ResultWriter.Dropped first = written.dropped().getFirst();
            log.warn("dropped results naming no monitor of their workspace count={} monitor={} workspace={} region={}",
                    written.dropped().size(), first.monitorId(), first.workspaceId(), first.region());
        }
        for (Pending p : batch) {
            ingestLag.record(Duration.between(p.result.scheduledAt(), now).abs());
            p.done.complete(null);
        }
        listeners.forEach(ResultsStoredListener::resultsStored);
    }

    private void splitAndWrite(List<Pending> batch, DataIntegrityViolationException e) {
        if (batch.size() == 1) {
            Pending bad = batch.getFirst();
            log.warn("result refused by the database job={} monitor={} error={}", bad.result.jobId(),
                    bad.result.monitorId(), e.getMostSpecificCause().getMessage());
            bad.done.completeExceptionally(e);
            return;
        }
        int half = batch.size() / 2;
        writeUntilStored(new ArrayList<>(batch.subList(0, half)));
        writeUntilStored(new ArrayList<>(batch.subList(half, batch.size())));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(CheckResult result, ReceivedMessage message, CompletableFuture<Void> done) {
    }
}
