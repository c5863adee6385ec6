package dev.vigil.common.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes handled messages ten at a time (one {@code DeleteMessageBatch} call instead of ten): a queue's handles go out
 * as soon as ten are pending, and a partial batch after at most {@link #FLUSH_INTERVAL_MS} ms. Waiting that long costs
 * nothing (the messages stay invisible for far longer) and saves calls: flushing every few milliseconds sent mostly
 * batches of one to three. A delete that fails only means the message comes back and is handled again, which every
 * consumer tolerates (handlers are idempotent), so failures are logged and not retried.
 */
final class DeleteBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeleteBatcher.class);
    private static final long FLUSH_INTERVAL_MS = 100;

    private final SqsAsyncClient sqs;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    DeleteBatcher(SqsAsyncClient sqs, String name) {
        this.sqs = sqs;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("sqs-delete-" + name).factory());
        flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void delete(String queueUrl, String receiptHandle) {
        Pending handles = pending.computeIfAbsent(queueUrl, url -> new Pending());
        handles.add(receiptHandle);
        if (handles.size() >= MessagePublisher.MAX_BATCH) {
            flush(queueUrl, handles, true);
        }
    }

    /** A queue's handles waiting to be deleted, with their count (a ConcurrentLinkedQueue counts by walking). */
    private static final class Pending {
        private final Queue<String> handles = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        void add(String handle) {
            handles.add(handle);
            size.incrementAndGet();
        }

        String poll() {
            String handle = handles.poll();
            if (handle != null) {
                size.decrementAndGet();
            }
            return handle;
        }

        int size() {
            return size.get();
        }
    }

    private void flushAll() {
        pending.forEach((url, handles) -> flush(url, handles, false));
    }

    /** Sends the pending handles in batches of ten; with {@code fullOnly}, only while a whole batch is pending. */
    private List<CompletableFuture<?>> flush(String queueUrl, Pending handles, boolean fullOnly) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        while (handles.size() >= (fullOnly ? MessagePublisher.MAX_BATCH : 1)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(MessagePublisher.MAX_BATCH);
            String handle;
            while (entries.size() < MessagePublisher.MAX_BATCH && (handle = handles.poll()) != null) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(handle).build());
            }
            if (entries.isEmpty()) {
                break;
            }
            calls.add(sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).whenComplete((response, error) -> {
                if (error != null) {
                    log.warn("delete failed queue={} count={} error={}", queueUrl, entries.size(), error.toString());
                } else if (!response.failed().isEmpty()) {
                    log.debug("delete refused queue={} count={} reason={}", queueUrl, response.failed().size(),
                            response.failed().getFirst().message());
                }
            }));
        }
        return calls;
    }

    /** Stops the periodic flush and sends what is pending, waiting briefly for SQS to answer. */
    @Override
    public void close() {
        flusher.shutdown();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        pending.forEach((url, handles) -> calls.addAll(flush(url, handles, false)));
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("pending deletes not confirmed at shutdown: {}", e.toString());
        }
    }
}
