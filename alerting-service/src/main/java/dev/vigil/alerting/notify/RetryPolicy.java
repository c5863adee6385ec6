package dev.vigil.alerting.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: {@code base * 2^(attempt-1)}, capped at {@code max}, then a random 50–100 %
 * of that (jitter), so receivers coming back from an outage are not hit by every instance's retries at once.
 */
final class RetryPolicy {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public RetryPolicy(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The delay after the given (1-based) failed attempt. */
    public Duration delayAfter(int attempt) {
        long baseMs = base.toMillis();
        long maxMs = max.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 40);
        long exponential = baseMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, baseMs << shift);
        long jittered = exponential / 2 + (long) (random.nextDouble() * (exponential - exponential / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
