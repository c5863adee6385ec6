package dev.vigil.scheduler.fleet;

import dev.vigil.common.lifecycle.BackgroundThread;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the fleet's state every {@code pollInterval} on every scheduler instance (so the gauges are there whichever
 * instance Prometheus scrapes) and then runs the actions, which act only on the active scheduler.
 */
class FleetWatch extends BackgroundThread {

    private static final Logger log = LoggerFactory.getLogger(FleetWatch.class);

    /** Something done after each read, e.g. scaling the probe services. */
    public interface Action {
        void afterRefresh();
    }

    private final QueueDepths queueDepths;
    private final FleetState fleetState;
    private final List<Action> actions;
    private final Duration interval;

    public FleetWatch(QueueDepths queueDepths, FleetState fleetState, List<Action> actions, Duration interval) {
        super(Thread.ofVirtual().name("fleet-watch"), Duration.ZERO);
        this.queueDepths = queueDepths;
        this.fleetState = fleetState;
        this.actions = List.copyOf(actions);
        this.interval = interval;
    }

    /** One round: read, then act. Public for tests. */
    public void runOnce() {
        queueDepths.refresh();
        try {
            fleetState.refresh();
        } catch (RuntimeException e) {
            log.debug("fleet state unavailable: {}", e.toString());
        }
        for (Action action : actions) {
            try {
                action.afterRefresh();
            } catch (RuntimeException e) {
                log.warn("fleet action failed action={} error={}", action.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    protected void run() {
        while (isRunning()) {
            runOnce();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
