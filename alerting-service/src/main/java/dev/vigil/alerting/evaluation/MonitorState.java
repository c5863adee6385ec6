package dev.vigil.alerting.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A monitor's row in {@code monitor_states}: what the state machine remembers between rounds.
 *
 * @param lastRoundAt     the scheduled instant of the last round applied
 * @param failing         whether that round was DOWN
 * @param consecutiveOk   successful rounds since the last DOWN one
 * @param consecutiveSlow slow rounds in a row
 * @param flips           when recent up/down flips happened
 * @param flapping        whether the monitor was flapping after the last round
 */
record MonitorState(UUID monitorId, MonitorStatus status, Instant lastRoundAt, boolean failing, int consecutiveOk,
                    int consecutiveSlow, List<Instant> flips, boolean flapping) {

    MonitorState {
        flips = List.copyOf(flips);
    }

    static MonitorState initial(UUID monitorId) {
        return new MonitorState(monitorId, MonitorStatus.PENDING, null, false, 0, 0, List.of(), false);
    }

    MonitorState appliedThrough(Instant roundAt) {
        return new MonitorState(monitorId, status, roundAt, failing, consecutiveOk, consecutiveSlow, flips, flapping);
    }
}
