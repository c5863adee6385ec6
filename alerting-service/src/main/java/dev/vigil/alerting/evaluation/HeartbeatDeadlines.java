package dev.vigil.alerting.evaluation;

import dev.vigil.common.check.HeartbeatCheck;
import dev.vigil.common.check.HeartbeatSchedule;
import java.time.Duration;
import java.time.Instant;

/**
 * When a heartbeat's next ping is expected and when it is overdue, and when a started run is too long. Period mode:
 * the last beat plus the period. Schedule mode (Healthchecks' semantics): the first scheduled time after the last
 * beat, computed in the schedule's time zone, so daylight saving changes move it with local time. Either way it is
 * overdue {@code graceSeconds} after that.
 */
final class HeartbeatDeadlines {

    private final HeartbeatCheck check;
    private final HeartbeatSchedule schedule;

    HeartbeatDeadlines(HeartbeatCheck check) {
        this.check = check;
        this.schedule = check.cron();
    }

    /** When the ping after {@code lastBeat} is expected; null when the schedule has no further time. */
    Instant expectedAfter(Instant lastBeat) {
        return schedule == null ? lastBeat.plusSeconds(check.periodSeconds()) : schedule.nextAfter(lastBeat);
    }

    /** When a heartbeat last beaten at {@code lastBeat} is overdue; null: never. */
    Instant overdueAt(Instant lastBeat) {
        Instant expected = expectedAfter(lastBeat);
        return expected == null ? null : expected.plusSeconds(check.graceSeconds());
    }

    /** When a run started at {@code start} counts as too long; null when the monitor sets no limit. */
    Instant tooLongAt(Instant start) {
        return check.maxRunSeconds() == null ? null : start.plus(Duration.ofSeconds(check.maxRunSeconds()));
    }

    /** How the expectation reads in an incident's cause. */
    String describe() {
        return schedule == null
                ? "expected every " + check.periodSeconds() + " s, grace " + check.graceSeconds() + " s"
                : "expected on \"" + schedule.expression() + "\" (" + schedule.zone() + "), grace "
                        + check.graceSeconds() + " s";
    }
}
