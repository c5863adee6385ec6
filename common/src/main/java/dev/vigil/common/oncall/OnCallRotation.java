package dev.vigil.common.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An on-call rotation as stored in {@code oncall_rotations}, with its overrides ({@code oncall_overrides}): members
 * take turns from {@code startsAt}, shift n (a day or a week long) going to member n mod size, except while an
 * override covers the time, when its member is on call instead. The api-service writes rotations and shows who is on
 * call; the alerting service pages that person when an escalation level names the rotation. Both must answer "who is
 * on call at t" the same way, so the answer lives here, beside the table's definition, rather than in either service.
 *
 * @param covers overrides, oldest first: where two overlap, the newer one wins (it was made knowing the older)
 */
public record OnCallRotation(Handoff handoff, Instant startsAt, List<UUID> members, List<Cover> covers) {

    public OnCallRotation {
        members = List.copyOf(members);
        covers = List.copyOf(covers);
    }

    /** A rotation without overrides. */
    public OnCallRotation(Handoff handoff, Instant startsAt, List<UUID> members) {
        this(handoff, startsAt, members, List.of());
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

    /** An override: {@code memberId} covers {@code [from, until)}, replacing whoever is scheduled. */
    public record Cover(UUID memberId, Instant from, Instant until) {

        public boolean covers(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }

    /** The next change of who is on call: at {@code at}, {@code from} hands over to {@code to}. */
    public record Handover(Instant at, UUID from, UUID to) {
    }

    /** The member the schedule puts on call at {@code at} (before {@code startsAt}, counting shifts backwards). */
    public UUID scheduledAt(Instant at) {
        return members.get((int) Math.floorMod(shiftIndex(at), (long) members.size()));
    }

    /** The member on call at {@code at}: the newest override covering it, else the scheduled member. */
    public UUID onCallAt(Instant at) {
        return coverAt(at).map(Cover::memberId).orElseGet(() -> scheduledAt(at));
    }

    /** The override in force at {@code at}, if any. */
    public Optional<Cover> coverAt(Instant at) {
        for (int i = covers.size() - 1; i >= 0; i--) {
            if (covers.get(i).covers(at)) {
                return Optional.of(covers.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The first moment after {@code after} at which somebody else is on call, if any. Who is on call can only change
     * at a shift boundary or an override's edge, so those are walked in order until one changes the answer; a walk
     * longer than one full turn of the schedule past every override changes nothing more.
     */
    public Optional<Handover> nextHandover(Instant after) {
        UUID current = onCallAt(after);
        Instant t = after;
        int steps = members.size() + 2 * covers.size() + 2;
        for (int i = 0; i < steps; i++) {
            Instant next = nextBoundary(t);
            for (Cover cover : covers) {
                if (cover.from().isAfter(t) && cover.from().isBefore(next)) {
                    next = cover.from();
                }
                if (cover.until().isAfter(t) && cover.until().isBefore(next)) {
                    next = cover.until();
                }
            }
            UUID then = onCallAt(next);
            if (!then.equals(current)) {
                return Optional.of(new Handover(next, current, then));
            }
            t = next;
        }
        return Optional.empty();
    }

    private long shiftIndex(Instant at) {
        return Math.floorDiv(Duration.between(startsAt, at).toMillis(), handoff.shift().toMillis());
    }

    /** The first shift boundary strictly after {@code t}. */
    private Instant nextBoundary(Instant t) {
        return startsAt.plus(handoff.shift().multipliedBy(shiftIndex(t) + 1));
    }
}
