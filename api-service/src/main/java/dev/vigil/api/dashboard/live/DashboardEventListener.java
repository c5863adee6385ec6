package dev.vigil.api.dashboard.live;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection per API instance LISTENs on {@code dashboard_events} (the triggers of V48_1) and hands each event to
 * the {@link LiveEventHub}: the open pages cost the database nothing. The connection is its own, outside the pool (a
 * LISTEN belongs to a session). When it drops, the listener reconnects and tells every page to refetch, since
 * notifications sent meanwhile are gone; {@link MonitorEventObserver}s hear of each monitor's events and of the gap.
 */
@Component
class DashboardEventListener implements SmartLifecycle {

    static final String CHANNEL = "dashboard_events";
    private static final Logger log = LoggerFactory.getLogger(DashboardEventListener.class);

    private final LiveEventHub hub;
    private final List<MonitorEventObserver> observers;
    private final JsonMapper json;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    DashboardEventListener(LiveEventHub hub, List<MonitorEventObserver> observers, JsonMapper json,
                           DataSource dataSource) throws SQLException {
        this.hub = hub;
        this.observers = List.copyOf(observers);
        this.json = json;
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        this.url = hikari.getJdbcUrl();
        if (hikari.getUsername() != null && !hikari.getUsername().isEmpty()) {
            credentials.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null && !hikari.getPassword().isEmpty()) {
            credentials.setProperty("password", hikari.getPassword());
        }
        // Notice a dead server within seconds rather than at the next TCP retransmission timeout.
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("socketTimeout", "30");
        credentials.setProperty("connectTimeout", "5");
        credentials.setProperty("ApplicationName", "vigil-api dashboard events");
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("dashboard-events-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the LISTEN is in place (for tests that must not publish before it is). */
    boolean listening() {
        return listening;
    }

    private void listen() {
        boolean reconnected = false;
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials);
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                listening = true;
                observers.forEach(MonitorEventObserver::listening);
                backoff = 500;
                if (reconnected) {
                    hub.resyncAll();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("dashboard events listener lost its connection; reconnecting cause={}", e.toString());
                }
            } finally {
                listening = false;
                observers.forEach(MonitorEventObserver::deaf);
            }
            reconnected = true;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void dispatch(String payload) {
        try {
            JsonNode event = json.readTree(payload);
            UUID workspaceId = UUID.fromString(event.path("w").asString());
            String kind = event.path("k").asString();
            JsonNode monitor = event.get("m");
            if (monitor != null && !monitor.isNull()) {
                UUID monitorId = UUID.fromString(monitor.asString());
                observers.forEach(o -> o.changed(monitorId, kind));
            }
            hub.publish(workspaceId, kind, payload);
        } catch (RuntimeException e) {
            log.warn("dashboard event not understood payload={} cause={}", payload, e.toString());
        }
    }
}
