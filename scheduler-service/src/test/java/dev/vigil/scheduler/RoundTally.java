package dev.vigil.scheduler;

import dev.vigil.common.message.CheckJob;
import dev.vigil.scheduler.JobStream.Received;
import dev.vigil.scheduler.schedule.RoundClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the jobs received per round, as the containers test does (containers/e2e/scenarios.py): a round is a
 * (monitor, region, scheduled instant) with the instant on the monitor's phase; it is <em>lost</em> when it fell in
 * the measured window and no job for it arrived, <em>duplicated</em> once per extra job for it.
 */
record RoundTally(int expected, List<String> lost, int duplicated) {

    /** Lost as (monitor@instant), and how many of the expected were lost outside the given instants. */
    static RoundTally of(Collection<UUID> monitors, int intervalSeconds, String region, List<Received> received,
                         Instant from, Instant until) {
        Map<String, Integer> jobs = new HashMap<>();
        for (Received r : received) {
            CheckJob job = r.job();
            jobs.merge(job.monitorId() + "@" + job.region() + "@" + job.scheduledAt(), 1, Integer::sum);
        }
        int duplicated = jobs.values().stream().mapToInt(n -> n - 1).sum();
        int expected = 0;
        List<String> lost = new ArrayList<>();
        for (UUID monitor : monitors) {
            for (Instant round = RoundClock.roundAfter(monitor, intervalSeconds, from.minusMillis(1));
                 round.isBefore(until); round = round.plusSeconds(intervalSeconds)) {
                expected++;
                if (!jobs.containsKey(monitor + "@" + region + "@" + round)) {
                    lost.add(monitor + "@" + round);
                }
            }
        }
        return new RoundTally(expected, lost, duplicated);
    }

    /** Lost rounds scheduled outside {@code (after, through]}. */
    List<String> lostOutside(Instant after, Instant through) {
        return lost.stream().filter(l -> {
            Instant at = Instant.parse(l.substring(l.indexOf('@') + 1));
            return !at.isAfter(after) || at.isAfter(through);
        }).toList();
    }

    String figures(String scenario) {
        return String.format("%s: rounds expected %d, lost %d, duplicated %d", scenario, expected, lost.size(),
                duplicated);
    }
}
