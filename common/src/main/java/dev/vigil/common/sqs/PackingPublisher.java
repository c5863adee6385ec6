package dev.vigil.common.sqs;

import dev.vigil.common.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Publishes many small wire messages of one queue as few SQS messages: items published within {@code maxDelay} of each
 * other go out together as one message whose body is a JSON array of them (at most {@code maxItems} items and
 * {@link #MAX_BODY_BYTES} bytes), and up to ten such messages in one {@code SendMessageBatch} call.
 *
 * <p>Why: on the hot path (a result per check) every SQS message costs a send, a receive and a delete, both in the
 * client and in the queue server, whatever its size; packing 25 results cuts that work (and the SQS bill) by about
 * 25. Receivers read either form ({@link WireJson#readList}), so a rolling deploy may mix packed and single messages.
 *
 * <p>Each item's future completes when the message holding it is accepted, and fails when SQS refused it or the call
 * failed; the caller decides whether to retry (receivers are idempotent).
 */
public final class PackingPublisher<T> implements AutoCloseable {

    /** SQS takes messages up to 256 KiB; keep a margin for attributes and the request around the body. */
    static final int MAX_BODY_BYTES = 200 * 1024;

    private final SqsAsyncClient sqs;
    private final QueueDirectory queues;
    private final String queueName;
    private final int maxItems;
    private final long maxDelayNanos;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private List<Item<T>> buffer = new ArrayList<>();
    private long oldestNanos;

    public PackingPublisher(SqsAsyncClient sqs, QueueDirectory queues, String queueName, int maxItems,
                            Duration maxDelay) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1");
        }
        this.sqs = sqs;
        this.queues = queues;
        this.queueName = queueName;
        this.maxItems = maxItems;
        this.maxDelayNanos = maxDelay.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("sqs-pack-" + queueName).factory());
        long period = Math.max(1, maxDelay.toMillis() / 2);
        timer.scheduleWithFixedDelay(this::flushIfDue, period, period, TimeUnit.MILLISECONDS);
    }

    /** Queues an item for the next message; completes when SQS accepted the message holding it. */
    public CompletableFuture<Void> publish(T item) {
        Item<T> entry = new Item<>(WireJson.write(item), new CompletableFuture<>());
        List<Item<T>> full = null;
        synchronized (lock) {
            if (buffer.isEmpty()) {
                oldestNanos = System.nanoTime();
            }
            buffer.add(entry);
            if (buffer.size() >= maxItems * MessagePublisher.MAX_BATCH) {
                full = take();
            }
        }
        if (full != null) {
            send(full);
        }
        return entry.sent;
    }

    private void flushIfDue() {
        List<Item<T>> due = null;
        synchronized (lock) {
            if (!buffer.isEmpty() && System.nanoTime() - oldestNanos >= maxDelayNanos) {
                due = take();
            }
        }
        if (due != null) {
            send(due);
        }
    }

    private List<Item<T>> take() {
        List<Item<T>> taken = buffer;
        buffer = new ArrayList<>();
        return taken;
    }

    /** Packs the items into messages and sends them, ten messages a call. */
    private void send(List<Item<T>> items) {
        List<List<Item<T>>> packs = pack(items);
        String url;
        try {
            url = queues.urlOf(queueName);
        } catch (RuntimeException e) {
            items.forEach(item -> item.sent.completeExceptionally(e));
            return;
        }
        for (int from = 0; from < packs.size(); from += MessagePublisher.MAX_BATCH) {
            List<List<Item<T>>> call = packs.subList(from, Math.min(from + MessagePublisher.MAX_BATCH, packs.size()));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(call.size());
            for (int i = 0; i < call.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(call.get(i)))
                        .build());
            }
            sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).whenComplete((response, failure) -> {
                List<Boolean> refused = new ArrayList<>(java.util.Collections.nCopies(call.size(), failure != null));
                if (response != null) {
                    response.failed().forEach(error -> refused.set(Integer.parseInt(error.id()), true));
                }
                for (int i = 0; i < call.size(); i++) {
                    for (Item<T> item : call.get(i)) {
                        if (refused.get(i)) {
                            item.sent.completeExceptionally(failure != null ? failure
                                    : new IllegalStateException("SQS refused the message"));
                        } else {
                            item.sent.complete(null);
                        }
                    }
                }
            });
        }
    }

    /** Splits items into messages of at most {@code maxItems} items and {@link #MAX_BODY_BYTES} bytes. */
    List<List<Item<T>>> pack(List<Item<T>> items) {
        List<List<Item<T>>> packs = new ArrayList<>();
        List<Item<T>> current = new ArrayList<>();
        int bytes = 2;
        for (Item<T> item : items) {
            int size = item.json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (!current.isEmpty() && (current.size() >= maxItems || bytes + size > MAX_BODY_BYTES)) {
                packs.add(current);
                current = new ArrayList<>();
                bytes = 2;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) {
            packs.add(current);
        }
        return packs;
    }

    private static <T> String body(List<Item<T>> pack) {
        StringBuilder body = new StringBuilder(pack.size() * 512).append('[');
        for (int i = 0; i < pack.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(pack.get(i).json);
        }
        return body.append(']').toString();
    }

    /** Sends what is buffered and stops the timer. */
    @Override
    public void close() {
        timer.shutdown();
        List<Item<T>> rest;
        synchronized (lock) {
            rest = take();
        }
        if (!rest.isEmpty()) {
            send(rest);
        }
    }

    record Item<T>(String json, CompletableFuture<Void> sent) {
    }
}
