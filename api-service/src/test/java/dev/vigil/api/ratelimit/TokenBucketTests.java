package dev.vigil.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTests {

    @Test
    void allowsTheBurstThenOneRequestPerRefillPeriod() {
        TokenBucket bucket = new TokenBucket(3, 1000, 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(1000);
        assertThat(bucket.tryTake(400)).isEqualTo(600);
        assertThat(bucket.tryTake(1000)).isZero();
        assertThat(bucket.tryTake(1000)).isEqualTo(1000);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 10, 0);

        bucket.tryTake(0);
        assertThat(bucket.isFull(1_000_000)).isTrue();
        assertThat(bucket.tryTake(1_000_000)).isZero();
        assertThat(bucket.tryTake(1_000_000)).isZero();
        assertThat(bucket.tryTake(1_000_000)).isEqualTo(10);
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        TokenBucket bucket = new TokenBucket(1, 1000, 5000);

        assertThat(bucket.tryTake(5000)).isZero();
        assertThat(bucket.tryTake(1000)).isEqualTo(1000);
    }

    @Test
    void theLimiterKeepsClientsApartAndForgetsFullBuckets() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        RateLimiter limiter = new RateLimiter(new RateLimitProperties.Limit(1, Duration.ofSeconds(10)), clock);

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofSeconds(10));
        assertThat(limiter.acquire("b")).isZero();
        assertThat(limiter.size()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.acquire("c")).isZero();
        assertThat(limiter.size()).as("a and b were full again and forgotten").isEqualTo(1);
    }
}
