package dev.vigil.common.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.MonitorType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Where a monitor runs, from what each region's live probes offer. */
class RegionCapabilitiesTests {

    private final RegionCapabilities fleet = RegionCapabilities.of(Map.of(
            "eu", Set.of("HTTP", "TCP", "BROWSER"), "us", Set.of("HTTP", "TCP"), "ap", Set.of("HTTP", "BROWSER")));

    @Test
    void aBrowserMonitorLeavesOutRegionsWhoseLiveProbesAllLackABrowser() {
        assertThat(fleet.routable(MonitorType.BROWSER, List.of("us", "eu", "ap"))).containsExactly("eu", "ap");
        assertThat(fleet.lacking(MonitorType.BROWSER, List.of("us", "eu", "ap"))).containsExactly("us");
    }

    @Test
    void aRegionWithNoLiveProbeIsKeptLikeForAnyType() {
        assertThat(fleet.routable(MonitorType.BROWSER, List.of("sa", "us"))).containsExactly("sa");
        assertThat(fleet.lacking(MonitorType.BROWSER, List.of("sa"))).isEmpty();
        assertThat(fleet.offered("sa")).isNull();
    }

    @Test
    void typesEveryProbeRunsAreNeverNarrowedEvenWhenAHeartbeatOmitsThem() {
        assertThat(fleet.routable(MonitorType.DNS, List.of("us", "eu"))).containsExactly("us", "eu");
        assertThat(fleet.lacking(MonitorType.DNS, List.of("us", "eu"))).isEmpty();
    }

    @Test
    void aBrowserMonitorOnlyInRegionsWithoutABrowserRunsNowhere() {
        assertThat(fleet.routable(MonitorType.BROWSER, List.of("us"))).isEmpty();
        assertThat(RegionCapabilities.UNKNOWN.routable(MonitorType.BROWSER, List.of("us"))).containsExactly("us");
    }

    @Test
    void theCacheReadsAgainOnlyWhenItsAnswerIsOldAndKeepsItWhenAReadFails() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AtomicInteger reads = new AtomicInteger();
        RegionCapabilities.Cache cache = new RegionCapabilities.Cache(() -> {
            if (reads.incrementAndGet() == 2) {
                throw new IllegalStateException("database down");
            }
            return fleet;
        }, clock, Duration.ofSeconds(5), Runnable::run);

        assertThat(cache.current()).isSameAs(fleet);
        now.set(now.get().plusSeconds(4));
        assertThat(cache.current()).isSameAs(fleet);
        assertThat(reads).hasValue(1);
        now.set(now.get().plusSeconds(1));
        assertThat(cache.current()).isSameAs(fleet);
        assertThat(reads).hasValue(2);
        now.set(now.get().plusSeconds(5));
        cache.current();
        assertThat(reads).hasValue(3);
    }

    /** The scheduler asks on every turn: a read that hangs (a database outage) must never hold the caller. */
    @Test
    void aReadThatHangsNeverHoldsTheCaller() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        RegionCapabilities later = RegionCapabilities.of(Map.of("eu", Set.of("HTTP")));
        RegionCapabilities.Cache cache = new RegionCapabilities.Cache(() -> {
            if (reads.incrementAndGet() == 1) {
                return fleet;
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return later;
        }, Clock.systemUTC(), Duration.ZERO);
        assertThat(cache.current()).as("the first answer, read in the caller").isSameAs(fleet);

        // Asked from a thread of its own, so a cache that waited for the read fails here instead of hanging the test.
        try (var caller = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            var answers = caller.submit(() -> {
                List<RegionCapabilities> seen = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    seen.add(cache.current());
                }
                return seen;
            });
            try {
                assertThat(answers.get(10, java.util.concurrent.TimeUnit.SECONDS)).containsOnly(fleet);
                assertThat(reads.get()).as("one read at a time, however often asked").isLessThanOrEqualTo(2);
            } finally {
                release.countDown();
            }
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.current() != later && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.current()).isSameAs(later);
    }
}
