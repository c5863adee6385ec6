package dev.vigil.common.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
 * <p>Shifts are whole days or weeks in the rotation's {@code zone}: a hand-over at 09:00 in Europe/Berlin stays at
 * 09:00 there across daylight saving changes (so a shift over a change is an hour shorter or longer). A hand-over time
 * the clocks skip moves on by the gap, one they repeat is the first (java.time's rules).
 *
 * @param covers overrides, oldest first: where two overlap, the newer one wins (it was made knowing the older)
 * @param zone   where shifts are counted; UTC for rotations without one
 */
public record OnCallRotation(Handoff handoff, Instant startsAt, List<UUID> members, List<Cover> covers,
                             ZoneId zone) {

    public OnCallRotation {
        members = List.copyOf(members);
        covers = List.copyOf(covers);
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    /** A rotation counted in UTC. */
    public OnCallRotation(Handoff handoff, Instant startsAt, List<UUID> members, List<Cover> covers) {
        this(handoff, startsAt, members, covers, ZoneOffset.UTC);
    }

    /** A rotation without overrides, counted in UTC. */
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

        /** The shift's nominal length (a day or a week; local days may be 23 or 25 hours long). */
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

    /**
     * The shift running at {@code at}: a guess by nominal lengths, then corrected by the real boundaries, which local
     * days of 23 or 25 hours move by at most a shift.
     */
    private long shiftIndex(Instant at) {
        long index = Math.floorDiv(Duration.between(startsAt, at).toMillis(), handoff.shift().toMillis());
        while (boundary(index).isAfter(at)) {
            index--;
        }
        while (!boundary(index + 1).isAfter(at)) {
            index++;
        }
        return index;
    }

    /** Where shift {@code index} starts: that many days or weeks after the start, at the same local time. */
    private Instant boundary(long index) {
        ZonedDateTime first = startsAt.atZone(zone);
        return (handoff == Handoff.WEEKLY ? first.plusWeeks(index) : first.plusDays(index)).toInstant();
    }

    /** The first shift boundary strictly after {@code t}. */
    private Instant nextBoundary(Instant t) {
        return boundary(shiftIndex(t) + 1);
    }
}
