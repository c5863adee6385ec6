package dev.vigil.common.check;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A heartbeat: the monitored job pings Vigil. Never probed. Two ways to say when a ping is expected:
 *
 * <ul>
 *   <li>period: every {@code periodSeconds}; overdue {@code periodSeconds + graceSeconds} after the last ping;</li>
 *   <li>schedule: a 5-field Unix cron {@code schedule} in the IANA {@code timeZone} (see {@link HeartbeatSchedule});
 *       overdue {@code graceSeconds} after the first scheduled time following the last ping. {@code periodSeconds}
 *       then holds the shortest gap between two scheduled times, for listings and defaults.</li>
 * </ul>
 *
 * <p>{@code maxRunSeconds} (optional, either mode): a run announced with {@code /ping/{token}/start} that has not
 * finished that long after is reported as taking too long.
 */
public record HeartbeatCheck(int periodSeconds, int graceSeconds, String schedule, String timeZone,
                             Integer maxRunSeconds) implements CheckSpec {

    /** A period heartbeat without a run time limit. */
    public HeartbeatCheck(int periodSeconds, int graceSeconds) {
        this(periodSeconds, graceSeconds, null, null, null);
    }

    @Override
    public MonitorType type() {
        return MonitorType.HEARTBEAT;
    }

    @Override
    public String target() {
        return schedule != null ? "heartbeat \"" + schedule + "\" (" + timeZone + ")"
                : "heartbeat every " + periodSeconds + "s";
    }

    /** The schedule, when this heartbeat has one (else it is a period heartbeat). */
    @JsonIgnore
    public HeartbeatSchedule cron() {
        return schedule == null ? null : HeartbeatSchedule.parse(schedule, timeZone);
    }
}
