package dev.vigil.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets by client key (an IP address, an API key id). Buckets that have filled up again are forgotten once a
 * minute, since a full bucket is the same as none; past {@link #MAX_CLIENTS} live buckets, new clients share one
 * overflow bucket, so a flood of distinct addresses cannot grow memory without bound (it throttles itself instead).
 */
final class RateLimiter {

    static final int MAX_CLIENTS = 100_000;
    private static final String OVERFLOW = "\u0000overflow";
    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final RateLimitProperties.Limit limit;
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    RateLimiter(RateLimitProperties.Limit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    /** Takes one request from the client's bucket: {@link Duration#ZERO} when allowed, else when to retry. */
    Duration acquire(String client) {
        long now = clock.millis();
        sweepIfDue(now);
        String key = buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client) ? OVERFLOW : client;
        TokenBucket bucket = buckets.computeIfAbsent(key,
                k -> new TokenBucket(limit.capacity(), limit.refillEvery().toMillis(), now));
        return Duration.ofMillis(bucket.tryTake(now));
    }

    int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
    }
}
