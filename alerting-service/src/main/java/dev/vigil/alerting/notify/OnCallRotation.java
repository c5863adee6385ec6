package dev.vigil.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rotation's members in turn: shift n (counted from {@code startsAt}, a day or a week long) is member n mod size. */
record OnCallRotation(UUID id, String handoff, Instant startsAt, List<UUID> members) {

    Duration shift() {
        return handoff.equals("WEEKLY") ? Duration.ofDays(7) : Duration.ofDays(1);
    }

    UUID onCallAt(Instant at) {
        long shifts = Math.floorDiv(Duration.between(startsAt, at).toMillis(), shift().toMillis());
        return members.get((int) Math.floorMod(shifts, (long) members.size()));
    }
}
