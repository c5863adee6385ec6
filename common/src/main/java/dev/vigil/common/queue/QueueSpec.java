package dev.vigil.common.queue;

import java.time.Duration;

/**
 * One queue and its dead-letter queue: a message received {@code maxReceives} times without being deleted moves to
 * the dead-letter queue, where it is kept for {@link #DEAD_LETTER_RETENTION} for an operator to look at.
 */
public record QueueSpec(String name, Duration visibilityTimeout, Duration retention, int maxReceives) {

    /** The SQS maximum: dead letters are evidence, kept as long as possible. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    /** docs/architecture.md: redrive after three receives. */
    public static final int DEFAULT_MAX_RECEIVES = 3;

    public String deadLetterName() {
        return QueueNames.deadLetter(name);
    }
}
