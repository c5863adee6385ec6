package dev.vigil.scheduler.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * The instants a monitor's rounds fall on: {@code k * interval + phase} in epoch milliseconds, where the phase is a
 * stable hash of the monitor id. Computing from absolute instants (not "last run + interval") means no drift however
 * long the scheduler runs, and any instance computes the same rounds, which keeps job ids stable across failover.
 */
public final class RoundClock {

    private RoundClock() {
    }

    /** The monitor's offset within its interval, in milliseconds, spread uniformly by the hash. */
    public static long phaseMillis(UUID monitorId, int intervalSeconds) {
        long intervalMs = intervalSeconds * 1000L;
        return Math.floorMod(mix(monitorId.getMostSignificantBits() ^ monitorId.getLeastSignificantBits()),
                intervalMs);
    }

    /** The first round strictly after {@code instant}. */
    public static Instant roundAfter(UUID monitorId, int intervalSeconds, Instant instant) {
        long intervalMs = intervalSeconds * 1000L;
        long phase = phaseMillis(monitorId, intervalSeconds);
        long k = Math.floorDiv(instant.toEpochMilli() - phase, intervalMs) + 1;
        return Instant.ofEpochMilli(k * intervalMs + phase);
    }

    /** The latest round at or before {@code instant}. */
    public static Instant roundAtOrBefore(UUID monitorId, int intervalSeconds, Instant instant) {
        long intervalMs = intervalSeconds * 1000L;
        long phase = phaseMillis(monitorId, intervalSeconds);
        long k = Math.floorDiv(instant.toEpochMilli() - phase, intervalMs);
        return Instant.ofEpochMilli(k * intervalMs + phase);
    }

    /** MurmurHash3's 64-bit finaliser: ids that are not random (tests, imports) still spread evenly. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
