package dev.vigil.common.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An on-call rotation as stored in {@code oncall_rotations}: members take turns from {@code startsAt}, shift n (a day
 * or a week long) going to member n mod size. The api-service writes rotations and shows who is on call; the alerting
 * service emails that person when an escalation level names the rotation. Both must answer "who is on call at t" the
 * same way, so the answer lives here, beside the table's definition, rather than in either service.
 */
public record OnCallRotation(Handoff handoff, Instant startsAt, List<UUID> members) {

    public OnCallRotation {
        members = List.copyOf(members);
    }

    /** How long a shift lasts. */
    public enum Handoff {
        DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7));

        private final Duration shift;

        Handoff(Duration shift) {
            this.shift = shift;
        }

        public Duration shift() {
            return shift;
        }

        /** The stored value's handoff; anything but {@code WEEKLY} is daily. */
        public static Handoff of(String stored) {
            return "WEEKLY".equals(stored) ? WEEKLY : DAILY;
        }
    }

    /** The member whose shift runs at {@code at} (before {@code startsAt}, counting shifts backwards). */
    public UUID onCallAt(Instant at) {
        long shifts = Math.floorDiv(Duration.between(startsAt, at).toMillis(), handoff.shift().toMillis());
        return members.get((int) Math.floorMod(shifts, (long) members.size()));
    }
}
