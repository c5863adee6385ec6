package dev.vigil.scheduler.leader;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How far the active scheduler has sent rounds, kept in PostgreSQL with its lease so that whoever leads next
 * continues exactly there. Rounds are identified by (monitor, scheduled instant), and a turn sends the rounds due at
 * or before its instant, so one instant per turn is the whole record:
 * <ol>
 *   <li>{@link #claim} before a turn's send records its instant ({@code claimed_through}): a successor starts strictly
 *       after it, so nothing is sent twice;</li>
 *   <li>{@link #settled} when the turn's sends are answered advances {@code sent_through}: only a leader that vanished
 *       between the two leaves rounds that may or may not have gone out (not resent, and logged).</li>
 * </ol>
 */
@Component
public class RoundWatermark {

    private final LeaderLease lease;

    RoundWatermark(LeaderLease lease) {
        this.lease = lease;
    }

    /**
     * Records that the rounds due at or before {@code through} are being sent. False when they must not be (no
     * longer leading, or the database has been unreachable for longer than the outage grace).
     */
    public boolean claim(Instant through) {
        return lease.claim(through);
    }

    /** The sends of the turn claimed at {@code through} are settled. */
    public void settled(Instant through) {
        lease.settled(through);
    }

    /** Where a new term of this instance starts: after the last instant claimed; empty on a first start. */
    public Optional<Instant> resumePoint() {
        return lease.resumePoint();
    }
}
