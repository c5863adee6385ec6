package dev.vigil.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RoundClockTests {

    @RepeatedTest(20)
    void roundsFallOnTheMonitorsPhaseEveryInterval() {
        UUID id = UUID.randomUUID();
        long phase = RoundClock.phaseMillis(id, 60);
        Instant now = Instant.parse("2026-03-01T12:34:56.789Z");

        Instant next = RoundClock.roundAfter(id, 60, now);

        assertThat(phase).isBetween(0L, 59_999L);
        assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(60));
        assertThat(Math.floorMod(next.toEpochMilli(), 60_000L)).isEqualTo(phase);
        assertThat(RoundClock.roundAfter(id, 60, next)).isEqualTo(next.plusSeconds(60));
        assertThat(RoundClock.roundAtOrBefore(id, 60, next)).isEqualTo(next);
    }

    @Test
    void tenThousandOneMinuteMonitorsMakeAFlatLoad() {
        int[] perSecond = new int[60];
        for (int i = 0; i < 10_000; i++) {
            perSecond[(int) (RoundClock.phaseMillis(UUID.randomUUID(), 60) / 1000)]++;
        }
        // 167 a second on average; a uniform spread stays well within ±30 % of it.
        for (int count : perSecond) {
            assertThat(count).isBetween(117, 217);
        }
    }

    @Test
    void sequentialIdsSpreadToo() {
        int[] perSecond = new int[60];
        for (long i = 0; i < 6_000; i++) {
            perSecond[(int) (RoundClock.phaseMillis(new UUID(0, i), 60) / 1000)]++;
        }
        for (int count : perSecond) {
            assertThat(count).isBetween(60, 140);
        }
    }
}
