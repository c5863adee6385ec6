package dev.vigil.common.sqs;

import dev.vigil.common.tracing.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** A message received by a {@link QueueConsumer}, with the controls a handler may need. */
public final class ReceivedMessage {

    private final QueueConsumer consumer;
    private final String queueUrl;
    private final Message message;
    private final Instant receivedAt;
    private final AtomicBoolean settled = new AtomicBoolean();

    ReceivedMessage(QueueConsumer consumer, String queueUrl, Message message, Instant receivedAt) {
        this.consumer = consumer;
        this.queueUrl = queueUrl;
        this.message = message;
        this.receivedAt = receivedAt;
    }

    public String body() {
        return message.body();
    }

    public String messageId() {
        return message.messageId();
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** The queue's name: the last segment of its URL. */
    public String queueName() {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    /** String-valued message attributes (trace context travels here). */
    public Map<String, String> attributes() {
        return message.messageAttributes().entrySet().stream()
                .filter(e -> e.getValue().stringValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
    }

    /** The trace context the message was published with ({@code traceparent} attribute), if any. */
    public Optional<TraceContext> traceContext() {
        MessageAttributeValue value = message.messageAttributes().get(TraceContext.TRACEPARENT);
        return value == null ? Optional.empty() : TraceContext.parse(value.stringValue());
    }

    /** How many times SQS has handed this message out, this time included. */
    public int receiveCount() {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    /** When the message was first sent, as SQS recorded it. */
    public Instant sentAt() {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return sent == null ? receivedAt : Instant.ofEpochMilli(Long.parseLong(sent));
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** Keeps the message hidden from other consumers for {@code timeout} more, for work that runs long. */
    public void extendVisibility(Duration timeout) {
        if (!settled.get()) {
            consumer.changeVisibility(this, timeout);
        }
    }

    /** Gives the message back at once (visibility 0) without counting it as handled, e.g. when shutting down. */
    public void release() {
        if (settle()) {
            consumer.released(this);
        }
    }

    String receiptHandle() {
        return message.receiptHandle();
    }

    /** Marks the message settled; true for the one caller that got to settle it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }
}
