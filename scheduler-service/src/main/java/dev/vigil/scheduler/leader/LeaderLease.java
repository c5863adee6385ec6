package dev.vigil.scheduler.leader;

import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.db.DedicatedConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds (or tries to get) the session-level advisory lock that makes this instance the active scheduler. Called from
 * the election thread only.
 */
@Component
class LeaderLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DedicatedConnections connections;
    private final long lockKey;
    private Connection session;
    private volatile boolean held;

    public LeaderLease(DedicatedConnections connections, SchedulerProperties properties) {
        this.connections = connections;
        this.lockKey = properties.lockKey();
    }

    /**
     * Confirms the lock is still held (its session is alive), or tries to take it. Answers whether this instance is
     * the active scheduler now.
     */
    public boolean refresh() {
        try {
            if (held) {
                if (session.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                    return true;
                }
                log.warn("leader session lost; stepping down");
                release();
                return false;
            }
            if (session == null || session.isClosed()) {
                session = connections.open("vigil-scheduler-leader");
                try (java.sql.Statement statement = session.createStatement()) {
                    // If this host vanishes without closing its socket, the server notices within ~11 s and frees
                    // the lock. The leader itself re-validates every second and steps down within ~3 s, so it has
                    // stopped sending well before a standby can win the lock (a kill -9 closes the socket at once).
                    statement.execute("SET tcp_keepalives_idle = 5");
                    statement.execute("SET tcp_keepalives_interval = 2");
                    statement.execute("SET tcp_keepalives_count = 3");
                }
            }
            try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, lockKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    held = rs.getBoolean(1);
                }
            }
            return held;
        } catch (SQLException e) {
            log.debug("leader lock attempt failed: {}", e.toString());
            release();
            return false;
        }
    }

    /** Gives up the lock by closing the session (the server releases a session's locks with it). */
    public void release() {
        held = false;
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                log.debug("closing leader session: {}", e.toString());
            }
            session = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
