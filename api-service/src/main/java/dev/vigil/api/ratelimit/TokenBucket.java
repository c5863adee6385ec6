package dev.vigil.api.ratelimit;

/**
 * One client's bucket: holds up to {@code capacity} tokens, earns one back every {@code refillMillis}, and each
 * request takes one. Refill is computed lazily from the time of the last visit, so idle buckets cost no work.
 */
final class TokenBucket {

    private final int capacity;
    private final double refillMillis;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, long refillMillis, long now) {
        this.capacity = capacity;
        this.refillMillis = Math.max(1, refillMillis);
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token: 0 when granted, else the milliseconds until one will be there. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * refillMillis);
    }

    /** Whether the bucket is full again at {@code now}, so forgetting it changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) / refillMillis);
            updatedAt = now;
        }
    }
}
