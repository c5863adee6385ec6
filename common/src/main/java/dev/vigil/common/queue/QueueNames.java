package dev.vigil.common.queue;

/**
 * Queue names, optionally prefixed so several deployments (staging, production, a test run) can share one SQS account:
 * {@code <prefix><region>-checks-<freq>}, {@code <prefix><region>-confirm}, {@code <prefix>results},
 * {@code <prefix>probe-heartbeats}, and for each queue its dead-letter queue {@code <name>-dlq}.
 */
public record QueueNames(String prefix) {

    public QueueNames {
        prefix = prefix == null ? "" : prefix;
    }

    public static QueueNames unprefixed() {
        return new QueueNames("");
    }

    public String checks(String region, FrequencyBucket bucket) {
        return prefix + region + "-checks-" + bucket.suffix();
    }

    public String confirm(String region) {
        return prefix + region + "-confirm";
    }

    public String results() {
        return prefix + "results";
    }

    /** Probe workers' periodic "alive, offering these plugins" messages, read by the alerting service. */
    public String probeHeartbeats() {
        return prefix + "probe-heartbeats";
    }

    public static String deadLetter(String queueName) {
        return queueName + "-dlq";
    }
}
