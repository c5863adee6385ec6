package dev.vigil.common.queue;

import java.time.Duration;

/**
 * A check queue per frequency, so a backlog of hourly checks never delays the 30-second ones. Visibility is short for
 * short intervals (a crashed probe's job comes back while it is still worth running; probes extend it for slow
 * checks); retention is twice the interval, since an older job is stale and would be dropped anyway.
 */
public enum FrequencyBucket {
    S30("30s", Duration.ofSeconds(30), Duration.ofSeconds(20)),
    M1("1m", Duration.ofMinutes(1), Duration.ofSeconds(30)),
    M5("5m", Duration.ofMinutes(5), Duration.ofSeconds(60)),
    M10("10m", Duration.ofMinutes(10), Duration.ofMinutes(2)),
    M30("30m", Duration.ofMinutes(30), Duration.ofMinutes(5)),
    H1("1h", Duration.ofHours(1), Duration.ofMinutes(10));

    /** SQS refuses a retention below one minute. */
    private static final Duration MIN_RETENTION = Duration.ofMinutes(1);

    private final String suffix;
    private final Duration interval;
    private final Duration visibilityTimeout;

    FrequencyBucket(String suffix, Duration interval, Duration visibilityTimeout) {
        this.suffix = suffix;
        this.interval = interval;
        this.visibilityTimeout = visibilityTimeout;
    }

    /** The bucket of a monitor interval: the longest bucket not longer than it (intervals under 30 s go to 30s). */
    public static FrequencyBucket forInterval(Duration monitorInterval) {
        FrequencyBucket chosen = S30;
        for (FrequencyBucket bucket : values()) {
            if (bucket.interval.compareTo(monitorInterval) <= 0) {
                chosen = bucket;
            }
        }
        return chosen;
    }

    public static FrequencyBucket forIntervalSeconds(int seconds) {
        return forInterval(Duration.ofSeconds(seconds));
    }

    /** Queue-name suffix: {@code 30s}, {@code 1m}, ... */
    public String suffix() {
        return suffix;
    }

    public Duration interval() {
        return interval;
    }

    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    public Duration retention() {
        Duration twice = interval.multipliedBy(2);
        return twice.compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : twice;
    }
}
