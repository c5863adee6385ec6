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

    /** True while this instance holds the leader lock. */
    public boolean isLeader() {
        return leader;
    }

    /** Increases each time this instance becomes leader; 0 before the first time. */
    public long term() {
        return term;
    }

    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
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
