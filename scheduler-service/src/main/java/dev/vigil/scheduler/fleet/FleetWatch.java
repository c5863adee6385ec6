package dev.vigil.scheduler.fleet;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the fleet's state every {@code pollInterval} on every scheduler instance (so the gauges are there whichever
 * instance Prometheus scrapes) and then runs the actions, which act only on the active scheduler.
 */
public class FleetWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetWatch.class);

    /** Something done after each read, e.g. scaling the probe services. */
    public interface Action {
        void afterRefresh();
    }

    private final QueueDepths queueDepths;
    private final FleetState fleetState;
    private final List<Action> actions;
    private final Duration interval;
    private volatile Thread thread;
    private volatile boolean running;

    public FleetWatch(QueueDepths queueDepths, FleetState fleetState, List<Action> actions, Duration interval) {
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
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("fleet-watch").start(() -> {
            while (running) {
                runOnce();
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
