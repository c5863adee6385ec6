package dev.vigil.scheduler.leader;

import dev.vigil.scheduler.SchedulerProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps trying for the leader lock on its own thread (so a slow scheduling turn never delays a step-down), and
 * publishes the outcome in {@link LeadershipState}. The leader re-checks its session every second; a standby tries for
 * the lock every {@code vigil.scheduler.leader-poll-interval}.
 *
 * <p>Starts before and stops after the scheduling loop (lower phase): the loop stops sending before the lock is
 * released on shutdown, so a standby taking over never overlaps with the old leader's last sends.
 */
@Component
public class LeaderElection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    private static final Duration LEADER_CHECK = Duration.ofSeconds(1);

    private final LeaderLease lease;
    private final LeadershipState state;
    private final Duration standbyPoll;
    private volatile boolean running;
    private Thread thread;

    public LeaderElection(LeaderLease lease, LeadershipState state, SchedulerProperties properties) {
        this.lease = lease;
        this.state = state;
        this.standbyPoll = properties.leaderPollInterval();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("leader-election").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state.update(false);
        lease.release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    private void run() {
        while (running) {
            boolean leader = lease.refresh();
            if (leader != state.isLeader()) {
                if (leader) {
                    log.info("became the active scheduler");
                } else {
                    log.warn("no longer the active scheduler; standing by");
                }
            }
            state.update(leader && running);
            try {
                Thread.sleep(leader ? LEADER_CHECK : standbyPoll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
