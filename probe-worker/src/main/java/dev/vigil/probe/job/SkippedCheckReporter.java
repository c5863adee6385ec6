package dev.vigil.probe.job;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.sqs.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the alerting service which checks this worker dropped as stale, so that overload is visible to the monitors'
 * owners (API field, dashboard banner) and counted as no data in their uptime, not only in a probe metric.
 *
 * <p>Cost matters exactly when this runs: the worker is already behind. So a drop costs a map update here, and every
 * {@link #EVERY} the drops since the last report go out as runs of consecutive rounds per monitor
 * ({@link ChecksSkipped}), up to {@link #MAX_RUNS_PER_MESSAGE} per message on the {@code results} queue. A monitor
 * whose every round is skipped for an hour is about one entry per report, not one per round; 10,000 monitors skipped
 * at once are 20 messages every 10 s. A report that cannot be sent is kept and sent with the next one.
 */
final class SkippedCheckReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SkippedCheckReporter.class);
    static final Duration EVERY = Duration.ofSeconds(10);
    /** An entry is about 200 bytes of JSON: 500 stay far below SQS's 256 KiB message limit. */
    static final int MAX_RUNS_PER_MESSAGE = 500;

    private final MessagePublisher publisher;
    private final String queueName;
    private final String region;
    private final String instanceId;
    private final Clock clock;
    /** Per monitor, its runs since the last report, the open one last. Guarded by this. */
    private final Map<UUID, List<ChecksSkipped.Run>> pending = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    SkippedCheckReporter(MessagePublisher publisher, String queueName, String region, String instanceId, Clock clock) {
        this.publisher = publisher;
        this.queueName = queueName;
        this.region = region;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** Starts reporting every {@link #EVERY}. */
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("skipped-checks")
                .factory());
        timer.scheduleWithFixedDelay(this::flushQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A scheduled job was dropped unrun, {@link ChecksSkipped.Run#STALE} (this worker was behind) or
     * {@link ChecksSkipped.Run#UNRUNNABLE} (it cannot run the type). Both are no data for the monitor; only stale ones
     * are overload. Confirmations and on-demand checks are not rounds: they are not reported.
     */
    synchronized void skipped(CheckJob job, String reason) {
        List<ChecksSkipped.Run> runs = pending.computeIfAbsent(job.monitorId(), id -> new ArrayList<>(1));
        ChecksSkipped.Run open = runs.isEmpty() ? null : runs.getLast();
        if (open != null && open.continuedBy(job.scheduledAt(), job.intervalSeconds(), reason)) {
            runs.set(runs.size() - 1, open.plus(job.scheduledAt()));
        } else {
            runs.add(ChecksSkipped.Run.of(job.monitorId(), job.workspaceId(), job.scheduledAt(),
                    Math.max(1, job.intervalSeconds()), reason));
        }
    }

    /** Sends what was skipped since the last report; completes when SQS has it (or what could not be sent is kept). */
    CompletableFuture<Void> flush() {
        List<ChecksSkipped.Run> runs = drain();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += MAX_RUNS_PER_MESSAGE) {
            List<ChecksSkipped.Run> chunk = runs.subList(from, Math.min(from + MAX_RUNS_PER_MESSAGE, runs.size()));
            ChecksSkipped report = new ChecksSkipped(region, instanceId, clock.instant(), chunk);
            sends.add(publisher.publish(queueName, report,
                            Map.of(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE, ChecksSkipped.MESSAGE_KIND))
                    .exceptionally(failure -> {
                        log.warn("reporting skipped checks failed, keeping {} for the next report: {}",
                                chunk.size(), failure.toString());
                        putBack(chunk);
                        return null;
                    }));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private void flushQuietly() {
        try {
            flush().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("skipped-checks report not confirmed: {}", e.toString());
        }
    }

    private synchronized List<ChecksSkipped.Run> drain() {
        List<ChecksSkipped.Run> runs = new ArrayList<>();
        pending.values().forEach(runs::addAll);
        pending.clear();
        return runs;
    }

    /** Runs that could not be sent go before anything skipped since, so a monitor's runs stay in order. */
    private synchronized void putBack(List<ChecksSkipped.Run> runs) {
        for (ChecksSkipped.Run run : runs.reversed()) {
            pending.computeIfAbsent(run.monitorId(), id -> new ArrayList<>(1)).addFirst(run);
        }
    }

    /** Stops the timer and sends what is left (at shutdown, after the consumer stopped). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        flushQuietly();
    }
}
