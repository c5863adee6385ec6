package dev.vigil.scheduler.dispatch;

import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.dispatch.DispatchMetrics.Unsent;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends the jobs of due rounds: one job per region of the monitor, to that region's queue for the monitor's frequency
 * bucket. The jobs of one turn for one queue travel packed, up to {@code pack-size} in one message (a JSON array), ten
 * messages to a {@code SendMessageBatch} call: every message costs a send, a receive and a delete whatever its size,
 * so at 10,000 one-minute monitors in three regions (500 jobs a second) packs of ~8 (a 50 ms turn) cut those calls and
 * the queue server's work by about eight, and the probe runs a pack's jobs side by side.
 *
 * <p>At most {@code send-concurrency} calls are in flight; when all are busy, {@link #dispatch} waits for one to
 * finish. That wait is the backpressure: a slow or unreachable SQS slows the scheduling loop (whose late rounds the
 * schedule then skips) instead of piling jobs up in memory. Entries SQS refuses, and calls that fail or time out, are
 * retried with backoff up to {@code send-attempts} times while their round is still fresh; what is finally not sent is
 * counted ({@code vigil.scheduler.jobs.unsent}). Job ids are deterministic, so a retry that duplicates a job is
 * recognised downstream.
 */
@Component
public class JobDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);
    private static final Duration PERMIT_WAIT = Duration.ofMillis(100);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final SqsAsyncClient sqs;
    private final QueueDirectory queues;
    private final QueueNames names;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final Semaphore slots;
    private final int concurrency;
    private final int attempts;
    private final Duration callTimeout;
    private final long maxLatenessMs;
    private final int packSize;
    private final Supplier<RegionCapabilities> capabilities;

    /** A dispatcher that sends every monitor's jobs to all its regions (tests, the benchmark). */
    public JobDispatcher(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names, Clock clock,
                         SchedulerProperties properties, MeterRegistry meters) {
        this(sqs, queues, names, clock, properties, meters, () -> RegionCapabilities.UNKNOWN);
    }

    /**
     * @param capabilities what each region's live probes run: a BROWSER monitor's jobs go only to regions with a
     *                     probe that has a usable browser (or with no live probe at all, see
     *                     {@link RegionCapabilities})
     */
    @Autowired
    public JobDispatcher(SqsAsyncClient sqs, QueueDirectory queues, QueueNames names, Clock clock,
                         SchedulerProperties properties, MeterRegistry meters,
                         Supplier<RegionCapabilities> capabilities) {
        this.capabilities = capabilities;
        this.sqs = sqs;
        this.queues = queues;
        this.names = names;
        this.clock = clock;
        this.metrics = new DispatchMetrics(meters);
        this.concurrency = properties.sendConcurrency();
        this.slots = new Semaphore(concurrency);
        this.attempts = properties.sendAttempts();
        this.callTimeout = properties.sendTimeout();
        this.maxLatenessMs = properties.maxLateness().toMillis();
        this.packSize = properties.packSize();
        Gauge.builder("vigil.scheduler.send.inflight", () -> concurrency - slots.availablePermits())
                .description("SendMessageBatch calls in flight").register(meters);
    }

    /** A job ready to go: its queue, serialised body and what the meters need. */
    private record Outgoing(CheckJob job, String body, FrequencyBucket bucket) {
    }

    /**
     * Hands the rounds' jobs to SQS, waiting while every send slot is busy. Returns once the last batch is in flight
     * (not when SQS answered). Stops, counting the rest as unsent, when {@code stillLeader} turns false.
     *
     * @return the number of jobs handed to SQS
     */
    public int dispatch(List<DueRound> rounds, BooleanSupplier stillLeader) {
        return dispatch(rounds, stillLeader, () -> { });
    }

    /**
     * As {@link #dispatch(List, BooleanSupplier)}, and runs {@code settled} once every job of these rounds is
     * settled: accepted by SQS, given up after its attempts, or not sent because leadership ended.
     */
    public int dispatch(List<DueRound> rounds, BooleanSupplier stillLeader, Runnable settled) {
        if (rounds.isEmpty()) {
            settled.run();
            return 0;
        }
        Instant now = clock.instant();
        Map<String, List<Outgoing>> byQueue = new LinkedHashMap<>();
        RegionCapabilities capable = capabilities.get();
        int unroutable = 0;
        for (DueRound round : rounds) {
            ScheduledMonitor m = round.monitor();
            FrequencyBucket bucket = FrequencyBucket.forIntervalSeconds(m.intervalSeconds());
            // The job names the regions it may be confirmed in: only those that can run it.
            List<String> regions = capable.routable(m.check().type(), m.regions());
            unroutable += m.regions().size() - regions.size();
            for (String region : regions) {
                CheckJob job = CheckJob.scheduled(m.id(), m.workspaceId(), round.scheduledAt(), region, m.check(),
                        m.timeoutMs(), m.degradedAboveMs(), m.intervalSeconds(), regions, m.confirmations(), now);
                if (!m.variables().isEmpty()) {
                    job = job.withVariables(m.variables());
                }
                byQueue.computeIfAbsent(names.checks(region, bucket), q -> new ArrayList<>())
                        .add(new Outgoing(job, WireJson.write(job), bucket));
            }
        }
        if (unroutable > 0) {
            metrics.unsent(Unsent.NO_CAPABLE_PROBE, unroutable);
        }
        int handed = 0;
        List<List<Pack>> batches = new ArrayList<>();
        List<String> batchQueues = new ArrayList<>();
        byQueue.forEach((queue, jobs) -> {
            List<Pack> packs = packs(jobs);
            for (int from = 0; from < packs.size(); from += MessagePublisher.MAX_BATCH) {
                batches.add(packs.subList(from, Math.min(from + MessagePublisher.MAX_BATCH, packs.size())));
                batchQueues.add(queue);
            }
        });
        // One count for the loop below, one per batch sent: the last to finish runs settled.
        AtomicInteger unsettled = new AtomicInteger(1);
        Runnable batchSettled = () -> {
            if (unsettled.decrementAndGet() == 0) {
                settled.run();
            }
        };
        try {
            for (int i = 0; i < batches.size(); i++) {
                List<Pack> batch = batches.get(i);
                if (!acquireSlot(stillLeader)) {
                    int rest = batches.subList(i, batches.size()).stream().mapToInt(JobDispatcher::jobsOf).sum();
                    metrics.unsent(Unsent.STANDBY, rest);
                    log.warn("stopped sending: no longer the active scheduler; unsent={}", rest);
                    return handed;
                }
                unsettled.incrementAndGet();
                send(batchQueues.get(i), batch, 1, batchSettled);
                handed += jobsOf(batch);
            }
            return handed;
        } finally {
            batchSettled.run();
        }
    }

    /** The jobs of one queue as messages of at most {@code pack-size} jobs and {@link Pack#MAX_BYTES}. */
    private List<Pack> packs(List<Outgoing> jobs) {
        List<Pack> packs = new ArrayList<>();
        List<Outgoing> current = new ArrayList<>();
        int bytes = 2;
        for (Outgoing job : jobs) {
            int size = job.body().length() + 1;
            if (!current.isEmpty() && (current.size() >= packSize || bytes + size > Pack.MAX_BYTES)) {
                packs.add(new Pack(current));
                current = new ArrayList<>();
                bytes = 2;
            }
            current.add(job);
            bytes += size;
        }
        if (!current.isEmpty()) {
            packs.add(new Pack(current));
        }
        return packs;
    }

    /** One message: a job alone, or several as a JSON array (probes read both). */
    private record Pack(List<Outgoing> jobs) {

        /** Below SQS's 256 KiB, with room for the request around the body (characters; job JSON is mostly ASCII). */
        static final int MAX_BYTES = 200 * 1024;

        String body() {
            if (jobs.size() == 1) {
                return jobs.getFirst().body();
            }
            StringBuilder body = new StringBuilder(jobs.size() * 600).append('[');
            for (int i = 0; i < jobs.size(); i++) {
                body.append(i == 0 ? "" : ",").append(jobs.get(i).body());
            }
            return body.append(']').toString();
        }
    }

    private static int jobsOf(List<Pack> packs) {
        return packs.stream().mapToInt(p -> p.jobs().size()).sum();
    }

    /** Waits until no call is in flight (shutdown, tests, the benchmark); false if that took longer than allowed. */
    public boolean awaitIdle(Duration atMost) {
        try {
            if (slots.tryAcquire(concurrency, atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(concurrency);
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean acquireSlot(BooleanSupplier stillLeader) {
        try {
            while (!slots.tryAcquire(PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!stillLeader.getAsBoolean()) {
                    return false;
                }
            }
            if (stillLeader.getAsBoolean()) {
                return true;
            }
            slots.release();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One call for the batch; the slot is held through retries and released when the batch is settled. */
    private void send(String queue, List<Pack> batch, int attempt, Runnable settled) {
        CompletableFuture<SendMessageBatchResponse> call;
        try {
            String url = queues.urlOf(queue);
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(batch.get(i).body()).build());
            }
            call = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)
                    .overrideConfiguration(o -> o.apiCallTimeout(callTimeout)));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((response, failure) -> {
            try {
                settle(queue, batch, attempt, response, failure, settled);
            } catch (RuntimeException e) {
                // Never leak a send slot: a leak would slowly stop the scheduler.
                log.error("settling a batch failed queue={}", queue, e);
                metrics.unsent(Unsent.FAILED, jobsOf(batch));
                release(settled);
            }
        });
    }

    private void settle(String queue, List<Pack> batch, int attempt, SendMessageBatchResponse response,
                        Throwable failure, Runnable settled) {
        List<Pack> refused;
        if (failure != null) {
            refused = batch;
            log.debug("SendMessageBatch failed queue={} attempt={}: {}", queue, attempt, failure.toString());
        } else {
            refused = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                refused.add(batch.get(Integer.parseInt(error.id())));
            }
        }
        long nowMs = clock.millis();
        if (refused.size() < batch.size()) {
            List<Pack> accepted = new ArrayList<>(batch);
            accepted.removeAll(refused);
            for (Pack pack : accepted) {
                for (Outgoing o : pack.jobs()) {
                    metrics.accepted(o.bucket(), o.job().region(), nowMs - o.job().scheduledAt().toEpochMilli());
                }
            }
        }
        if (refused.isEmpty()) {
            release(settled);
            return;
        }
        metrics.sendErrors(jobsOf(refused));
        List<Outgoing> fresh = new ArrayList<>();
        int stale = 0;
        for (Pack pack : refused) {
            for (Outgoing o : pack.jobs()) {
                if (nowMs - o.job().scheduledAt().toEpochMilli() > maxLatenessMs) {
                    stale++;
                } else {
                    fresh.add(o);
                }
            }
        }
        if (stale > 0) {
            metrics.unsent(Unsent.STALE, stale);
        }
        List<Pack> retry = fresh.isEmpty() ? List.of() : packs(fresh);
        if (retry.isEmpty()) {
            release(settled);
        } else if (attempt >= attempts) {
            metrics.unsent(Unsent.FAILED, fresh.size());
            log.warn("jobs not accepted after {} attempts queue={} count={}", attempt, queue, fresh.size());
            release(settled);
        } else {
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
            CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> send(queue, retry, attempt + 1, settled));
        }
    }

    /** The batch is settled: its send slot is free again, and its dispatch is told. */
    private void release(Runnable settled) {
        slots.release();
        try {
            settled.run();
        } catch (RuntimeException e) {
            log.error("a settled callback failed", e);
        }
    }
}
