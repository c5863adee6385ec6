package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HeartbeatCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatDeadlinesTests {

    private static final HeartbeatCheck NIGHTLY_BERLIN = new HeartbeatCheck(86_400, 600, "0 3 * * *",
            "Europe/Berlin", null);

    @Test
    void aNightlyBerlinJobIsExpectedAtThreeLocalTimeAfterTheSpringChange() {
        // 2026-03-28 03:00:05 CET; the clocks go forward that night, so the next 03:00 is CEST (01:00 UTC).
        Instant lastBeat = Instant.parse("2026-03-28T02:00:05Z");

        assertThat(new HeartbeatDeadlines(NIGHTLY_BERLIN).overdueAt(lastBeat))
                .isEqualTo(Instant.parse("2026-03-29T01:10:00Z"));
    }

    @Test
    void aNightlyBerlinJobIsExpectedAtThreeLocalTimeAfterTheAutumnChange() {
        // 2026-10-24 03:00:10 CEST; the clocks go back that night, so the next 03:00 is CET (02:00 UTC).
        Instant lastBeat = Instant.parse("2026-10-24T01:00:10Z");

        assertThat(new HeartbeatDeadlines(NIGHTLY_BERLIN).overdueAt(lastBeat))
                .isEqualTo(Instant.parse("2026-10-25T02:10:00Z"));
    }

    @Test
    void dayOfMonthAndDayOfWeekMatchEitherAsInUnixCron() {
        // The 13th, or any Friday: after Friday 2026-04-10 comes Monday the 13th.
        HeartbeatCheck check = new HeartbeatCheck(86_400, 0, "0 0 13 * 5", "UTC", null);

        assertThat(new HeartbeatDeadlines(check).expectedAfter(Instant.parse("2026-04-10T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-13T00:00:00Z"));
    }

    @Test
    void aPeriodHeartbeatIsOverdueAfterPeriodPlusGrace() {
        HeartbeatDeadlines deadlines = new HeartbeatDeadlines(new HeartbeatCheck(300, 60, null, null, 120));

        assertThat(deadlines.overdueAt(Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:06:00Z"));
        assertThat(deadlines.tooLongAt(Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(new HeartbeatDeadlines(new HeartbeatCheck(300, 60)).tooLongAt(Instant.EPOCH)).isNull();
    }
}
