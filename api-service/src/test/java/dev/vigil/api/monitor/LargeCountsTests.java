package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class LargeCountsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    /** Background recounts, run when the test says so. */
    private final java.util.Queue<Runnable> background = new java.util.ArrayDeque<>();
    private final LargeCounts counts = new LargeCounts(clock, background::add);
    private final UUID workspace = UUID.randomUUID();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicInteger queries = new AtomicInteger();

    private long count(String query) {
        return counts.of(workspace, query, List.of(), () -> {
            queries.incrementAndGet();
            return stored.get();
        }, Long::longValue);
    }

    @Test
    void smallCountsAreCountedEveryTime() {
        stored.set(LargeCounts.EXACT_BELOW - 1);
        assertThat(count("all")).isEqualTo(LargeCounts.EXACT_BELOW - 1);
        stored.set(5);
        assertThat(count("all")).isEqualTo(5);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aLargeWorkspacesSmallCountsAreRememberedAlikeUntilAChangeHere() {
        stored.set(100_000);
        count("all");
        stored.set(1_267);
        assertThat(count("tag=prod&status=DOWN,DEGRADED&q=7")).isEqualTo(1_267);
        stored.set(1_268);
        assertThat(count("tag=prod&status=DOWN,DEGRADED&q=7")).isEqualTo(1_267);
        assertThat(queries).hasValue(2);

        counts.forget(workspace);
        assertThat(count("tag=prod&status=DOWN,DEGRADED&q=7")).as("not known to be large any more").isEqualTo(1_268);
        stored.set(1_269);
        assertThat(count("tag=prod&status=DOWN,DEGRADED&q=7")).isEqualTo(1_269);
    }

    @Test
    void manySearchesOfALargeWorkspaceDoNotPushOutItsLargeCounts() {
        stored.set(100_000);
        count("all");
        stored.set(3);
        for (int i = 0; i <= LargeCounts.MAX_PER_WORKSPACE; i++) {
            count("q=" + i);
        }
        stored.set(100_001);
        assertThat(count("all")).isEqualTo(100_000);
        assertThat(queries).hasValue(LargeCounts.MAX_PER_WORKSPACE + 2);
    }

    @Test
    void largeCountsAreRememberedForAFewSecondsOnly() {
        stored.set(100_000);
        assertThat(count("all")).isEqualTo(100_000);
        stored.set(100_500);
        clock.advance(LargeCounts.FRESH_FOR.minusSeconds(1));
        assertThat(count("all")).isEqualTo(100_000);
        assertThat(queries).hasValue(1);
        background.clear(); // the recount a reader started beside it never ran
        clock.advance(Duration.ofSeconds(1));
        assertThat(count("all")).isEqualTo(100_500);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aCountGettingOldIsRecountedBesideTheReaderOnceAndTheReaderDoesNotWait() {
        stored.set(100_000);
        count("all");
        clock.advance(LargeCounts.REFRESH_AFTER);
        stored.set(100_200);
        assertThat(count("all")).as("answered at once, from memory").isEqualTo(100_000);
        assertThat(count("all")).isEqualTo(100_000);
        assertThat(background).as("one recount for both readers").hasSize(1);
        background.poll().run();
        assertThat(queries).hasValue(2);
        clock.advance(LargeCounts.FRESH_FOR.minusSeconds(1));
        assertThat(count("all")).as("the recount is remembered from when it ran").isEqualTo(100_200);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aRecountBegunBeforeAChangeHereIsNotRemembered() {
        stored.set(100_000);
        count("all");
        clock.advance(LargeCounts.REFRESH_AFTER);
        count("all");
        stored.set(100_001);
        counts.forget(workspace);
        background.poll().run(); // counted 100,001 but began before the change: a fresh count is made
        stored.set(100_002);
        assertThat(count("all")).isEqualTo(100_002);
    }

    @Test
    void eachQueryAndWorkspaceHasItsOwnCount() {
        stored.set(20_000);
        count("all");
        stored.set(30_000);
        assertThat(count("status=UP")).isEqualTo(30_000);
        assertThat(counts.of(UUID.randomUUID(), "all", List.of(), () -> 12L, Long::longValue)).isEqualTo(12);
        assertThat(count("all")).isEqualTo(20_000);
    }

    @Test
    void aChangeMadeHereIsCountedAtOnce() {
        stored.set(50_000);
        count("all");
        stored.set(50_001);
        counts.forget(UUID.randomUUID());
        assertThat(count("all")).isEqualTo(50_000);
        counts.forget(workspace);
        assertThat(count("all")).isEqualTo(50_001);
    }

    @Test
    void aTransactionThatChangesMonitorsForgetsAgainWhenItCommitsAndOnlyOnce() {
        stored.set(50_000);
        TransactionSynchronizationManager.initSynchronization();
        try {
            counts.forget(workspace);
            counts.forget(workspace);
            assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
            count("all"); // a reader counting before the commit still sees the rows as they were
            stored.set(50_010);
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(count("all")).isEqualTo(50_010);
        assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
    }
}
