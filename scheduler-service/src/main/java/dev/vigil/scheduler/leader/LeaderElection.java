package dev.vigil.scheduler.leader;

import dev.vigil.common.lifecycle.BackgroundThread;
import dev.vigil.scheduler.SchedulerProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the leader lease current on its own thread (so a slow scheduling turn never delays a step-down), and
 * publishes the outcome in {@link LeadershipState}. The leader confirms its lease every second (more often when
 * sending), and four times a second while waiting for a hand-over or while the database is unreachable; a standby
 * tries for the lock every {@code vigil.scheduler.leader-poll-interval}.
 *
 * <p>Starts before and stops after the scheduling loop (lower phase): the loop stops sending before the lock is
 * released on shutdown, so a standby taking over never overlaps with the old leader's last sends.
 */
@Component
class LeaderElection extends BackgroundThread {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    private static final Duration STEP = Duration.ofMillis(250);

    private final LeaderLease lease;
    private final LeadershipState state;
    private final Duration standbyPoll;

    public LeaderElection(LeaderLease lease, LeadershipState state, SchedulerProperties properties) {
        super(Thread.ofPlatform().daemon().name("leader-election"), Duration.ofSeconds(5));
        this.lease = lease;
        this.state = state;
        this.standbyPoll = properties.leaderPollInterval();
    }

    @Override
    protected void afterStop() {
        state.update(false);
        lease.release();
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    protected void run() {
        while (isRunning()) {
            LeaderLease.Phase phase = lease.refresh();
            boolean leader = lease.isLeading();
            if (phase == LeaderLease.Phase.UNCONFIRMED) {
                state.bound(lease.graceEndsAt());
            } else {
                state.unbound();
            }
            if (leader != state.isLeader()) {
                if (leader) {
                    log.info("became the active scheduler");
                } else {
                    log.warn("no longer the active scheduler; standing by");
                }
            }
            state.update(leader && isRunning());
            try {
                Thread.sleep(phase == LeaderLease.Phase.STANDBY ? standbyPoll : STEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
