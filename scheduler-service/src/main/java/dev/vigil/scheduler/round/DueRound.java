package dev.vigil.scheduler.round;

import java.time.Instant;

/** A monitor's round that is due: emit its jobs. */
public record DueRound(ScheduledMonitor monitor, Instant scheduledAt) {
}
