package dev.vigil.scheduler.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/** The PostgreSQL session-level advisory lock that elects the active scheduler, and who holds it. */
final class AdvisoryLock {

    /** A server backend (one session): pids are reused, so its start tells it apart. */
    record Backend(int pid, Instant start) {
    }

    private AdvisoryLock() {
    }

    static boolean tryLock(Connection session, long lockKey) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection session, long lockKey) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, lockKey);
            ps.execute();
        }
    }

    /** Whether {@code backend} holds the lock of {@code lockKey}. */
    static boolean heldBy(Connection connection, long lockKey, Backend backend) throws SQLException {
        if (backend == null) {
            return false;
        }
        // A bigint advisory key is stored as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.pid = ? AND a.backend_start = ?
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            ps.setLong(1, lockKey >>> 32);
            ps.setLong(2, lockKey & 0xffffffffL);
            ps.setInt(3, backend.pid());
            ps.setTimestamp(4, Timestamp.from(backend.start()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Backend backendOf(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
            rs.next();
            return new Backend(rs.getInt(1), rs.getTimestamp(2).toInstant());
        }
    }
}
