package dev.vigil.scheduler.leader;

import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.db.DedicatedConnections;
import dev.vigil.scheduler.leader.LeaseTable.Holding;
import dev.vigil.scheduler.leader.LeaseTable.Taken;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The active scheduler's lease: the session-level advisory lock plus its row in {@code scheduler_leases} (epoch,
 * watermarks, heartbeat). The election thread calls {@link #refresh()}; the scheduling loop calls {@link #claim} before
 * each send. The phases:
 * <ol>
 *   <li>STANDBY: tries the lock;</li>
 *   <li>WAITING: has the lock, but the previous holder did not hand over and may still be sending from its cache (see
 *       {@link #waitFor}); waits for its hand-over or until its grace surely ran out;</li>
 *   <li>LEADING: every send is recorded first ({@code claimed_through}), fenced by the epoch, which also confirms the
 *       lease (a heartbeat each second when nothing is due);</li>
 *   <li>UNCONFIRMED: a write failed (database unreachable): keeps sending from the cached schedule until
 *       {@code outage-grace} after the last confirmation, keeps the old session open (closing it could free the lock
 *       on a live server) and reconnects; with the lock again in the same epoch it leads on, with the lock held by
 *       another it hands over its watermark and stops.</li>
 * </ol>
 */
@Component
class LeaderLease {

    enum Phase { STANDBY, WAITING, LEADING, UNCONFIRMED }

    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);
    /** A statement on the leader session never blocks the scheduling loop longer than this. */
    private static final int NETWORK_TIMEOUT_MS = 2_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /**
     * A predecessor whose heartbeat is younger than this when its lock came free closed its own session (killed,
     * crashed, or stepped down): with the keepalives set below the server drops a silent session only after 11 s.
     */
    private static final Duration FRESH_HEARTBEAT = Duration.ofSeconds(4);
    /** How long a new leader waits for a hand-over from a predecessor that closed its session itself. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** Clock rate differences, the election's own cadence: added to a predecessor's grace before taking over. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final DedicatedConnections connections;
    private final long lockKey;
    private final Duration grace;
    private final boolean quickTakeover;
    private final String holder;
    /** Turns claimed and not yet settled: their bound, and the claim before them. */
    private final ConcurrentSkipListMap<Instant, Optional<Instant>> pending = new ConcurrentSkipListMap<>();

    private Connection session;
    /** The leader session's backend, to recognise it in {@code pg_locks} after a reconnect. */
    private AdvisoryLock.Backend sessionBackend;
    private volatile Phase phase = Phase.STANDBY;
    private long epoch;
    private long waitDeadline;
    /** Whether the current wait lasts until the previous holder's grace surely ran out (it may be sending). */
    private boolean waitingOutGrace;
    private volatile long confirmedAt;
    private volatile Instant claimed;
    private volatile Instant sent;

    public LeaderLease(DedicatedConnections connections, SchedulerProperties properties) {
        this.connections = connections;
        this.lockKey = properties.lockKey();
        this.grace = properties.outageGrace();
        this.quickTakeover = properties.quickTakeover();
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    Phase phase() {
        return phase;
    }

    /** Whether this instance may send now: leading, or unconfirmed within its grace. */
    boolean isLeading() {
        Phase now = phase;
        return now == Phase.LEADING || (now == Phase.UNCONFIRMED && withinGrace());
    }

    /** When an unconfirmed leader must stop sending (System.nanoTime), for {@link LeadershipState}. */
    long graceEndsAt() {
        return confirmedAt + grace.toNanos();
    }

    /** Where a new term starts: strictly after the last instant claimed (by this instance or its predecessor). */
    Optional<Instant> resumePoint() {
        return Optional.ofNullable(claimed);
    }

    /** One step of the election: try the lock, wait for a hand-over, confirm the lease or reconnect. */
    Phase refresh() {
        switch (phase) {
            case STANDBY -> tryAcquire();
            case WAITING -> awaitHandOver();
            case LEADING -> heartbeat();
            case UNCONFIRMED -> reconnect();
        }
        return phase;
    }

    /**
     * Records that rounds due at or before {@code through} are about to be sent, before they are (so a successor
     * never sends them again). False when they must not be sent: leadership lost, or the grace ran out.
     */
    synchronized boolean claim(Instant through) {
        boolean may = switch (phase) {
            case LEADING -> write(through, false) || (phase == Phase.UNCONFIRMED && withinGrace());
            case UNCONFIRMED -> withinGrace();
            default -> false;
        };
        if (may) {
            pending.put(through, Optional.ofNullable(claimed));
            claimed = through;
        }
        return may;
    }

    /** The sends of the turn claimed {@code through} are settled (accepted, or given up). */
    void settled(Instant through) {
        Optional<Instant> before = pending.remove(through);
        if (before == null) {
            return;
        }
        Map.Entry<Instant, Optional<Instant>> oldest = pending.firstEntry();
        sent = oldest == null ? claimed : oldest.getValue().orElse(null);
    }

    /** Hands over (SIGTERM): records the final watermarks and released, then frees the lock. */
    synchronized void release() {
        if (phase == Phase.LEADING || phase == Phase.UNCONFIRMED) {
            try {
                LeaseTable.confirm(session, lockKey, epoch, claimed, sent, true);
                // Unlock explicitly: closing the session frees the lock only once the server has seen the close.
                AdvisoryLock.unlock(session, lockKey);
                log.info("handed over the leader lease claimedThrough={} sentThrough={}", claimed, sent);
            } catch (SQLException | RuntimeException e) {
                log.warn("could not record the hand-over; a successor waits out this instance's grace: {}",
                        e.toString());
            }
        }
        stepDown();
    }

    private synchronized void tryAcquire() {
        try {
            if (session == null || session.isClosed()) {
                session = openSession();
                sessionBackend = AdvisoryLock.backendOf(session);
            }
            if (!AdvisoryLock.tryLock(session, lockKey)) {
                return;
            }
            Optional<Holding> found = LeaseTable.read(session, lockKey);
            if (found.isEmpty() || found.get().released()) {
                takeOver(found);
                return;
            }
            Duration wait = waitFor(found.get());
            log.info("won the leader lock; waiting up to {} ms for the previous scheduler to hand over holder={} "
                            + "heartbeatAge={} ms serverRestarted={}", wait.toMillis(), found.get().holder(),
                    found.get().heartbeatAge().toMillis(), found.get().serverRestarted());
            waitDeadline = System.nanoTime() + wait.toNanos();
            phase = Phase.WAITING;
        } catch (SQLException e) {
            log.debug("leader lock attempt failed: {}", e.toString());
            stepDown();
        }
    }

    /**
     * How long a predecessor that did not hand over may still be sending. Its lock came free because (1) its process
     * closed the session (killed, crashed): it sends nothing; or (2) the server restarted or (3) cut the session after
     * 11 s of silence: then it may be alive, scheduling from its cache until its grace after its last heartbeat ran
     * out. (2) shows as a new server start time, (3) as an old heartbeat; (1) gets a short settle for a hand-over
     * (unless {@code quick-takeover} is off: behind a proxy a session may close while its leader lives).
     */
    private Duration waitFor(Holding previous) {
        waitingOutGrace = !quickTakeover || previous.serverRestarted()
                || previous.heartbeatAge().compareTo(FRESH_HEARTBEAT) >= 0;
        if (!waitingOutGrace) {
            return SETTLE;
        }
        Duration left = previous.grace().plus(MARGIN).minus(previous.heartbeatAge());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private synchronized void awaitHandOver() {
        try {
            Optional<Holding> found = LeaseTable.read(session, lockKey);
            if (found.isEmpty() || found.get().released() || System.nanoTime() - waitDeadline >= 0) {
                takeOver(found);
            }
        } catch (SQLException e) {
            log.debug("waiting for a hand-over failed: {}", e.toString());
            stepDown();
        }
    }

    private void takeOver(Optional<Holding> previous) throws SQLException {
        long start = System.nanoTime();
        Taken taken = LeaseTable.takeOver(session, lockKey, holder, grace);
        epoch = taken.epoch();
        claimed = taken.claimedThrough();
        sent = taken.sentThrough();
        pending.clear();
        confirmedAt = start;
        phase = Phase.LEADING;
        boolean handedOver = previous.map(Holding::released).orElse(true);
        if (!handedOver && waitingOutGrace) {
            // It may have sent, unrecorded, until its grace ran out, at most MARGIN ago: start after that.
            Instant graceOver = Instant.now().minus(MARGIN);
            if (claimed == null || claimed.isBefore(graceOver)) {
                claimed = graceOver;
            }
            log.warn("previous scheduler did not hand over; waited out its outage grace, continuing after {}",
                    claimed);
        } else if (!handedOver && claimed != null && sent != null && sent.isBefore(claimed)) {
            // Rounds in (sent, claimed] were claimed by a scheduler that vanished mid-send: perhaps sent, perhaps
            // not. They are not sent again: a lost round is one check, a duplicate is a second request to a target.
            log.warn("previous scheduler vanished mid-send; rounds due in ({}, {}] may not have been sent", sent,
                    claimed);
        }
        waitingOutGrace = false;
        log.info("leader lease taken epoch={} handedOver={} resumingAfter={}", epoch, handedOver, claimed);
    }

    private synchronized void heartbeat() {
        if (System.nanoTime() - confirmedAt >= HEARTBEAT.toNanos()) {
            write(null, false);
        }
    }

    /** Writes the watermarks on the leader session; on failure turns UNCONFIRMED, when fenced off steps down. */
    private boolean write(Instant claimThrough, boolean release) {
        long start = System.nanoTime();
        try {
            if (LeaseTable.confirm(session, lockKey, epoch, claimThrough, sent, release)) {
                confirmedAt = start;
                return true;
            }
            log.warn("another scheduler took over the leader lease; stopping");
            stepDown();
            return false;
        } catch (SQLException e) {
            if (phase == Phase.LEADING) {
                phase = Phase.UNCONFIRMED;
                log.warn("cannot confirm the leader lease; scheduling from the cached schedule for up to {} s: {}",
                        Math.max(0, (graceEndsAt() - System.nanoTime()) / 1_000_000_000L), e.toString());
            }
            return false;
        }
    }

    /**
     * UNCONFIRMED: a new session (opened outside the monitor, so a slow connect never holds up the loop) tells whether
     * the lease is still this instance's.
     */
    private void reconnect() {
        Connection fresh;
        try {
            fresh = openSession();
        } catch (SQLException e) {
            log.debug("database still unreachable: {}", e.toString());
            return;
        }
        synchronized (this) {
            try {
                if (phase != Phase.UNCONFIRMED) {
                    closeQuietly(fresh);
                    return;
                }
                if (AdvisoryLock.tryLock(fresh, lockKey)) {
                    Optional<Holding> row = LeaseTable.read(fresh, lockKey);
                    closeQuietly(session);
                    session = fresh;
                    sessionBackend = AdvisoryLock.backendOf(fresh);
                    if (row.isPresent() && row.get().epoch() == epoch) {
                        phase = Phase.LEADING;
                        if (write(claimed, false)) {
                            log.info("leader lease confirmed again epoch={}", epoch);
                        }
                    } else {
                        log.warn("another scheduler led meanwhile; standing by");
                        stepDown();
                    }
                    return;
                }
                if (AdvisoryLock.heldBy(fresh, lockKey, sessionBackend)) {
                    // Our old session still holds the lock on the server (a short break): end it, take it next time.
                    try (PreparedStatement ps = fresh.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        ps.setInt(1, sessionBackend.pid());
                        ps.execute();
                    }
                    closeQuietly(fresh);
                    return;
                }
                // Another scheduler holds the lock and waits for our hand-over: stop, and say where we stopped.
                LeaseTable.confirm(fresh, lockKey, epoch, claimed, sent, true);
                log.warn("another scheduler holds the leader lock; handed over claimedThrough={}", claimed);
                closeQuietly(fresh);
                stepDown();
            } catch (SQLException e) {
                log.debug("reconnecting the leader session failed: {}", e.toString());
                closeQuietly(fresh);
            }
        }
    }

    private boolean withinGrace() {
        return System.nanoTime() - graceEndsAt() < 0;
    }

    private void stepDown() {
        phase = Phase.STANDBY;
        epoch = 0;
        pending.clear();
        closeQuietly(session);
        session = null;
    }

    private Connection openSession() throws SQLException {
        Connection connection = connections.open("vigil-scheduler-leader");
        try (Statement statement = connection.createStatement()) {
            // If this host vanishes without closing its socket, the server notices within ~11 s and frees the lock;
            // a successor then sees an old heartbeat and waits out this instance's grace (see waitFor).
            statement.execute("SET tcp_keepalives_idle = 5");
            statement.execute("SET tcp_keepalives_interval = 2");
            statement.execute("SET tcp_keepalives_count = 3");
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a leader session: {}", e.toString());
        }
    }
}
