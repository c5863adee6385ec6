package dev.vigil.scheduler.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether this instance is the active (leader) scheduler: the one bean leader-only work asks. Leadership is won and
 * kept by {@link LeaderElection}; this class only publishes it.
 *
 * <p>Leader-only work should check {@link #isLeader()} before each side effect (not once at start), and may use
 * {@link #term()} to notice that leadership was lost and won again in between.
 */
@Component
public class LeadershipState {

    private static final Logger log = LoggerFactory.getLogger(LeadershipState.class);

    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader;
    private volatile long term;
    /** While the lease is unconfirmed (database unreachable): leadership ends at this System.nanoTime(). */
    private volatile boolean bounded;
    private volatile long leadUntil;

    /**
     * True while this instance holds the leader lease: confirmed, or unconfirmed (the database unreachable) within its
     * outage grace. The grace's end is checked here, at each call, not when the election thread next looks.
     */
    public boolean isLeader() {
        return leader && (!bounded || System.nanoTime() - leadUntil < 0);
    }

    /** Increases each time this instance becomes leader; 0 before the first time. */
    public long term() {
        return term;
    }

    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    /** Called by the election only: leadership ends at {@code untilNanos} (System.nanoTime) unless confirmed again. */
    void bound(long untilNanos) {
        leadUntil = untilNanos;
        bounded = true;
    }

    /** Called by the election only: the lease is confirmed, leadership has no deadline. */
    void unbound() {
        bounded = false;
    }

    /** Called by the election only. */
    void update(boolean nowLeader) {
        if (nowLeader == leader) {
            return;
        }
        if (nowLeader) {
            term++;
        }
        leader = nowLeader;
        for (LeadershipListener listener : listeners) {
            try {
                listener.leadershipChanged(nowLeader);
            } catch (RuntimeException e) {
                log.error("leadership listener failed", e);
            }
        }
    }
}
