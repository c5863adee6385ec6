package dev.vigil.scheduler.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The {@code scheduler_leases} row of one lock key: who leads in which epoch, and how far it scheduled. */
final class LeaseTable {

    /** The row as a scheduler that just won the lock finds it. */
    record Holding(long epoch, String holder, Instant claimedThrough, Instant sentThrough, boolean released,
                   Duration heartbeatAge, boolean serverRestarted, Duration grace) {
    }

    /** What a takeover starts from: its epoch and the predecessor's watermarks (null on the first start). */
    record Taken(long epoch, Instant claimedThrough, Instant sentThrough) {
    }

    private LeaseTable() {
    }

    static Optional<Holding> read(Connection session, long lockKey) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("""
                SELECT epoch, holder, claimed_through, sent_through, released,
                       (extract(epoch FROM now() - heartbeat_at) * 1000)::bigint AS age_ms,
                       server_started_at <> pg_postmaster_start_time() AS restarted, grace_ms
                FROM scheduler_leases WHERE lock_key = ?""")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holding(rs.getLong("epoch"), rs.getString("holder"),
                        instant(rs.getTimestamp("claimed_through")), instant(rs.getTimestamp("sent_through")),
                        rs.getBoolean("released"), Duration.ofMillis(rs.getLong("age_ms")),
                        rs.getBoolean("restarted"), Duration.ofMillis(rs.getLong("grace_ms"))));
            }
        }
    }

    /** Starts a new epoch held by {@code holder}, keeping the watermarks the last holder left. */
    static Taken takeOver(Connection session, long lockKey, String holder, Duration grace) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("""
                INSERT INTO scheduler_leases (lock_key, epoch, holder, heartbeat_at, server_started_at, grace_ms)
                VALUES (?, 1, ?, now(), pg_postmaster_start_time(), ?)
                ON CONFLICT (lock_key) DO UPDATE
                    SET epoch = scheduler_leases.epoch + 1, holder = excluded.holder, released = false,
                        heartbeat_at = now(), server_started_at = pg_postmaster_start_time(),
                        grace_ms = excluded.grace_ms
                RETURNING epoch, claimed_through, sent_through""")) {
            ps.setLong(1, lockKey);
            ps.setString(2, holder);
            ps.setLong(3, grace.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Taken(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)));
            }
        }
    }

    /**
     * Confirms the lease and records the watermarks; false when another scheduler has taken over since (the epoch
     * moved on), which means this one must stop at once.
     */
    static boolean confirm(Connection session, long lockKey, long epoch, Instant claimedThrough,
                           Instant sentThrough, boolean release) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("""
                UPDATE scheduler_leases
                SET claimed_through = coalesce(?, claimed_through), sent_through = coalesce(?, sent_through),
                    heartbeat_at = now(), server_started_at = pg_postmaster_start_time(), released = ?
                WHERE lock_key = ? AND epoch = ?""")) {
            ps.setTimestamp(1, timestamp(claimedThrough));
            ps.setTimestamp(2, timestamp(sentThrough));
            ps.setBoolean(3, release);
            ps.setLong(4, lockKey);
            ps.setLong(5, epoch);
            return ps.executeUpdate() == 1;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
