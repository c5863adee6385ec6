package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), new Random(3));

    @Test
    void delaysDoubleWithJitterBetweenHalfAndAll() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            Duration full = Duration.ofSeconds(10L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(policy.delayAfter(attempt)).isBetween(full.dividedBy(2), full);
            }
        }
    }

    @Test
    void delaysAreCappedEvenAfterManyAttempts() {
        for (int attempt : new int[] {10, 20, 63, 64, 1000}) {
            assertThat(policy.delayAfter(attempt)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @Test
    void jitterSpreadsRetriesOfTheSameAttempt() {
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> policy.delayAfter(5)).distinct().count())
                .isGreaterThan(10);
    }
}
