package dev.vigil.common.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule against what Healthchecks' cronsim (Debian cron's behaviour) answers for the same expressions; the
 * Berlin dates are the 2026 changes (clocks forward on 29 March at 02:00 CET, back on 25 October at 03:00 CEST).
 */
class HeartbeatScheduleTests {

    private static List<Instant> next(String expression, String zone, String after, int count) {
        HeartbeatSchedule schedule = HeartbeatSchedule.parse(expression, zone);
        List<Instant> times = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at);
            times.add(at);
        }
        return times;
    }

    private static Instant[] instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toArray(Instant[]::new);
    }

    @Test
    void aFixedTimeTheSpringChangeSkipsRunsWhenTheClocksLand() {
        // 02:30 does not exist in Berlin on 29 March: Debian cron (and so Healthchecks) runs the job at 03:00 CEST.
        assertThat(next("30 2 * * *", "Europe/Berlin", "2026-03-28T01:30:05Z", 2))
                .containsExactly(instants("2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void aFixedTimeTheAutumnChangeRepeatsRunsOnceTheFirstTime() {
        assertThat(next("30 2 * * *", "Europe/Berlin", "2026-10-24T00:30:05Z", 2))
                .containsExactly(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        // Asked from inside the repeated hour, after the run: the next is the next night's, not one behind.
        assertThat(next("30 2 * * *", "Europe/Berlin", "2026-10-25T01:10:00Z", 1))
                .containsExactly(instants("2026-10-26T01:30:00Z"));
    }

    @Test
    void aJobWithAStarInTheMinuteOrHourRunsInRealTimeThroughBothChanges() {
        assertThat(next("*/15 2 * * *", "Europe/Berlin", "2026-10-24T23:59:00Z", 9)).containsExactly(instants(
                "2026-10-25T00:00:00Z", "2026-10-25T00:15:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:45:00Z",
                "2026-10-25T01:00:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:45:00Z",
                "2026-10-26T01:00:00Z"));
        assertThat(next("*/15 2 * * *", "Europe/Berlin", "2026-03-28T23:00:00Z", 1))
                .containsExactly(instants("2026-03-30T00:00:00Z"));
        assertThat(next("0 * * * *", "Europe/Berlin", "2026-10-24T23:30:00Z", 3))
                .containsExactly(instants("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"));
    }

    @Test
    void aDayFieldStartingWithAStarMakesBothDayFieldsMatch() {
        // Odd days of the month that are Mondays (Debian's rule); "1,15 * MON" would be either.
        assertThat(next("0 0 */2 * MON", "UTC", "2026-01-01T00:00:00Z", 3))
                .containsExactly(instants("2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "2026-02-09T00:00:00Z"));
        assertThat(next("0 0 1,15 * MON", "UTC", "2026-01-13T00:00:00Z", 2))
                .containsExactly(instants("2026-01-15T00:00:00Z", "2026-01-19T00:00:00Z"));
    }

    @Test
    void lastDaysNthWeekdaysNamesAndSevenForSunday() {
        assertThat(next("0 0 L * *", "UTC", "2026-01-01T00:00:00Z", 2))
                .containsExactly(instants("2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z"));
        assertThat(next("0 0 LW * *", "UTC", "2026-01-01T00:00:00Z", 2))
                .containsExactly(instants("2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z"));
        assertThat(next("0 0 * * 5L", "UTC", "2026-01-01T00:00:00Z", 2))
                .containsExactly(instants("2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z"));
        assertThat(next("0 0 * * MON#2", "UTC", "2026-01-01T00:00:00Z", 2))
                .containsExactly(instants("2026-01-12T00:00:00Z", "2026-02-09T00:00:00Z"));
        assertThat(next("0 0 * jan,feb sun", "UTC", "2026-01-01T00:00:00Z", 1))
                .containsExactly(instants("2026-01-04T00:00:00Z"));
        assertThat(next("0 0 * * 7", "UTC", "2026-01-01T00:00:00Z", 1))
                .containsExactly(instants("2026-01-04T00:00:00Z"));
    }

    @Test
    void whatCronsimRefusesIsRefusedAndAScheduleThatNeverMatchesToo() {
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 3 * *", "UTC"))
                .isInstanceOf(HeartbeatSchedule.InvalidExpression.class).hasMessageContaining("5-field cron");
        assertThatThrownBy(() -> HeartbeatSchedule.parse("61 3 * * *", "UTC"))
                .isInstanceOf(HeartbeatSchedule.InvalidExpression.class).hasMessageContaining("5-field cron");
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 0 15W * *", "UTC"))
                .isInstanceOf(HeartbeatSchedule.InvalidExpression.class);
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 0 30 2 *", "UTC"))
                .isInstanceOf(HeartbeatSchedule.InvalidExpression.class).hasMessageContaining("never matches");
        // The 1st, 21st or 41st that is also the month's last Monday: never (cronsim's own example).
        assertThatThrownBy(() -> HeartbeatSchedule.parse("* * */20 * 1L", "UTC"))
                .isInstanceOf(HeartbeatSchedule.InvalidExpression.class).hasMessageContaining("never matches");
        assertThatThrownBy(() -> HeartbeatSchedule.parse("0 3 * * *", "+02:00"))
                .isInstanceOf(HeartbeatSchedule.InvalidZone.class);
    }
}
