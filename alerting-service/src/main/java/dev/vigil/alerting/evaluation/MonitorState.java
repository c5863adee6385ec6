package dev.vigil.alerting.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * @param regionFailures  each region's failed rounds in a row up to the last round applied (regions that passed it
 *                        are left out)
 */
record MonitorState(UUID monitorId, MonitorStatus status, Instant lastRoundAt, boolean failing, int consecutiveOk,
                    int consecutiveSlow, List<Instant> flips, boolean flapping, Map<String, Integer> regionFailures) {

    MonitorState {
        flips = List.copyOf(flips);
        regionFailures = Map.copyOf(regionFailures);
    }

    MonitorState(UUID monitorId, MonitorStatus status, Instant lastRoundAt, boolean failing, int consecutiveOk,
                 int consecutiveSlow, List<Instant> flips, boolean flapping) {
        this(monitorId, status, lastRoundAt, failing, consecutiveOk, consecutiveSlow, flips, flapping, Map.of());
    }

    static MonitorState initial(UUID monitorId) {
        return new MonitorState(monitorId, MonitorStatus.PENDING, null, false, 0, 0, List.of(), false, Map.of());
    }

    MonitorState appliedThrough(Instant roundAt) {
        return new MonitorState(monitorId, status, roundAt, failing, consecutiveOk, consecutiveSlow, flips, flapping,
                regionFailures);
    }

    /**
     * The failures in a row after {@code round}: a region that failed it (scheduled or confirmation run) counts one
     * more, a region that only passed starts again from none, a region not heard from keeps its count (a lost result
     * is no evidence either way).
     */
    MonitorState countingFailuresOf(Round round) {
        Map<String, Integer> counts = new TreeMap<>(regionFailures);
        round.results().stream().filter(RoundResult::ok).map(RoundResult::region).distinct().forEach(counts::remove);
        round.results().stream().filter(r -> !r.ok()).map(RoundResult::region).distinct()
                .forEach(region -> counts.put(region, regionFailures.getOrDefault(region, 0) + 1));
        return new MonitorState(monitorId, status, lastRoundAt, failing, consecutiveOk, consecutiveSlow, flips,
                flapping, counts);
    }
}
