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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes handled messages ten at a time (one {@code DeleteMessageBatch} call instead of ten), flushing at least every
 * {@link #FLUSH_INTERVAL_MS} ms. A delete that fails only means the message comes back and is handled again, which
 * every consumer tolerates (handlers are idempotent), so failures are logged and not retried.
 */
final class DeleteBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeleteBatcher.class);
    private static final long FLUSH_INTERVAL_MS = 20;

    private final SqsAsyncClient sqs;
    private final Map<String, Queue<String>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    DeleteBatcher(SqsAsyncClient sqs, String name) {
        this.sqs = sqs;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("sqs-delete-" + name).factory());
        flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void delete(String queueUrl, String receiptHandle) {
        Queue<String> handles = pending.computeIfAbsent(queueUrl, url -> new ConcurrentLinkedQueue<>());
        handles.add(receiptHandle);
    }

    private void flushAll() {
        pending.forEach(this::flush);
    }

    private List<CompletableFuture<?>> flush(String queueUrl, Queue<String> handles) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        while (!handles.isEmpty()) {
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
        pending.forEach((url, handles) -> calls.addAll(flush(url, handles)));
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("pending deletes not confirmed at shutdown: {}", e.toString());
        }
    }
}
