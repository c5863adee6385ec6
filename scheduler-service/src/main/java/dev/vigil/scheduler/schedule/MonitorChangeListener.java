package dev.vigil.scheduler.schedule;

import dev.vigil.common.lifecycle.BackgroundThread;
import dev.vigil.scheduler.db.DedicatedConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * LISTENs on {@code monitor_changed} (sent by a trigger on the monitors table) and queues the ids of changed monitors
 * for the scheduling loop, and on {@code maintenance_changed} (maintenance windows and their monitors), which asks for
 * the windows to be re-read. After a lost connection it asks for a full resync, since notifications sent meanwhile
 * are gone.
 */
@Component
class MonitorChangeListener extends BackgroundThread {

    private static final Logger log = LoggerFactory.getLogger(MonitorChangeListener.class);
    private static final int POLL_MILLIS = 250;
    /** A standby never drains the queue: past this many ids, forget them and ask for a full resync instead. */
    private static final int MAX_QUEUED = 10_000;

    private final DedicatedConnections connections;
    private final Queue<UUID> changed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean resyncNeeded = new AtomicBoolean();
    private final AtomicBoolean maintenanceChanged = new AtomicBoolean();

    public MonitorChangeListener(DedicatedConnections connections) {
        super(Thread.ofPlatform().daemon().name("monitor-change-listener"), Duration.ZERO);
        this.connections = connections;
    }

    /** Monitors changed since the last call. */
    public List<UUID> drainChanged() {
        List<UUID> ids = new ArrayList<>();
        UUID id;
        while ((id = changed.poll()) != null) {
            queued.decrementAndGet();
            ids.add(id);
        }
        return ids;
    }

    /** True once after the listener (re)connected, when changes may have been missed. */
    public boolean takeResyncRequest() {
        return resyncNeeded.getAndSet(false);
    }

    /** True once after a maintenance window (or the monitors it covers) changed. */
    public boolean takeMaintenanceChange() {
        return maintenanceChanged.getAndSet(false);
    }

    @Override
    protected void run() {
        Duration backoff = Duration.ofMillis(500);
        while (isRunning()) {
            try (Connection connection = connections.open("vigil-scheduler-listen")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN monitor_changed");
                    statement.execute("LISTEN maintenance_changed");
                }
                resyncNeeded.set(true);
                backoff = Duration.ofMillis(500);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (isRunning()) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            if ("maintenance_changed".equals(n.getName())) {
                                maintenanceChanged.set(true);
                            } else {
                                parse(n.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (isRunning()) {
                    log.warn("monitor change listener lost its connection; retrying in {}: {}", backoff, e.toString());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                            ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                }
            }
        }
    }

    private void parse(String payload) {
        try {
            UUID id = UUID.fromString(payload);
            if (queued.incrementAndGet() > MAX_QUEUED) {
                queued.decrementAndGet();
                drainChanged();
                resyncNeeded.set(true);
                return;
            }
            changed.add(id);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring malformed monitor_changed payload '{}'", payload);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
