package dev.vigil.common.sqs;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.tracing.TraceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends wire messages as JSON. {@link #publishAll} uses {@code SendMessageBatch} (ten per call, the SQS maximum) and
 * answers with the messages SQS did not accept, so the caller decides whether to retry them (receivers are
 * idempotent, so a retry that duplicates a message is harmless). Every message carries the trace context in its
 * {@code traceparent} attribute.
 */
public final class MessagePublisher {

    /** The SQS maximum number of entries in one batch call. */
    public static final int MAX_BATCH = 10;

    private final SqsAsyncClient sqs;
    private final QueueDirectory queues;

    public MessagePublisher(SqsAsyncClient sqs, QueueDirectory queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    public CompletableFuture<Void> publish(String queueName, Object message) {
        return publish(queueName, message, Map.of());
    }

    /**
     * Publishes one message with string attributes besides the trace context: for a queue that carries more than
     * one kind of message, the attribute tells a receiver which one this is.
     */
    public CompletableFuture<Void> publish(String queueName, Object message, Map<String, String> attributes) {
        String url = queues.urlOf(queueName);
        String body = WireJson.write(message);
        Map<String, MessageAttributeValue> all = new HashMap<>(traceAttributes());
        attributes.forEach((name, value) -> all.put(name, MessageAttributeValue.builder().dataType("String")
                .stringValue(value).build()));
        return sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(all))
                .thenApply(response -> null);
    }

    /**
     * Publishes messages in batches of ten, the calls running concurrently. Completes, never exceptionally, with the
     * messages that were not accepted: entries SQS refused and every entry of a call that failed outright.
     */
    public <T> CompletableFuture<List<T>> publishAll(String queueName, List<T> messages) {
        String url = queues.urlOf(queueName);
        List<CompletableFuture<List<T>>> calls = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            List<T> chunk = messages.subList(from, Math.min(from + MAX_BATCH, messages.size()));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(WireJson.write(chunk.get(i))).messageAttributes(traceAttributes()).build());
            }
            calls.add(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries))
                    .thenApply(response -> {
                        List<T> refused = new ArrayList<>();
                        for (BatchResultErrorEntry error : response.failed()) {
                            refused.add(chunk.get(Integer.parseInt(error.id())));
                        }
                        return refused;
                    })
                    .exceptionally(failure -> List.copyOf(chunk)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().flatMap(call -> call.join().stream()).toList());
    }

    /**
     * The trace context the consumer continues: the current one, or a new trace per message when there is none
     * (every scheduled job starts its own trace).
     */
    private static Map<String, MessageAttributeValue> traceAttributes() {
        return Map.of(TraceContext.TRACEPARENT, MessageAttributeValue.builder().dataType("String")
                .stringValue(TraceContext.currentOrNew().traceparent()).build());
    }
}
