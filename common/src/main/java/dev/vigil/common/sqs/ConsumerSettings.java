package dev.vigil.common.sqs;

import java.time.Duration;

/**
 * @param name          names the consumer in logs, metrics and thread names
 * @param maxInFlight   how many messages may be handled at once
 * @param waitTime      long-poll wait per receive (at most 20 s)
 * @param shutdownGrace how long in-flight handlers may run on after {@code stop()}
 * @param retryDelay    visibility delay after a first failure, doubled with each further receive
 */
public record ConsumerSettings(String name, int maxInFlight, Duration waitTime, Duration shutdownGrace,
                               Duration retryDelay) {

    public ConsumerSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
            throw new IllegalArgumentException("waitTime must be 0..20 seconds");
        }
    }

    public static ConsumerSettings of(String name, int maxInFlight, Duration waitTime) {
        return new ConsumerSettings(name, maxInFlight, waitTime, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public ConsumerSettings withShutdownGrace(Duration grace) {
        return new ConsumerSettings(name, maxInFlight, waitTime, grace, retryDelay);
    }

    public ConsumerSettings withRetryDelay(Duration delay) {
        return new ConsumerSettings(name, maxInFlight, waitTime, shutdownGrace, delay);
    }
}
