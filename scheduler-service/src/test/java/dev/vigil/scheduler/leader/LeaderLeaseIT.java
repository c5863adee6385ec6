package dev.vigil.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.db.DedicatedConnections;
import dev.vigil.scheduler.leader.LeaderLease.Phase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease's hand-over rules on a real PostgreSQL, two leases in one JVM standing for two schedulers: a released lease
 * passes on at once with its watermark; a leader whose session vanished (killed) is succeeded after a short settle;
 * a leader that may still be sending from its cache is waited out; a leader that was succeeded stops.
 */
class LeaderLeaseIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final HikariDataSource pool = pool();
    private static final AtomicLong keys = new AtomicLong(7_364_000);
    private final JdbcClient jdbc = JdbcClient.create(database.dataSource());
    private final List<LeaderLease> leases = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        leases.forEach(LeaderLease::release);
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndItsSuccessorContinuesAfterTheLastClaim() {
        long key = keys.incrementAndGet();
        LeaderLease a = lease(key, Duration.ofSeconds(60));
        LeaderLease b = lease(key, Duration.ofSeconds(60));
        assertThat(a.refresh()).isEqualTo(Phase.LEADING);
        assertThat(b.refresh()).isEqualTo(Phase.STANDBY);
        Instant claimed = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(a.claim(claimed)).isTrue();
        a.settled(claimed);

        a.release();

        assertThat(b.refresh()).isEqualTo(Phase.LEADING);
        assertThat(b.resumePoint()).contains(claimed);
        assertThat(a.claim(claimed.plusSeconds(1))).as("a released lease sends nothing more").isFalse();
    }

    @Test
    void aLeaderWhoseSessionVanishedIsSucceededAfterAShortSettleFromItsLastClaim() throws Exception {
        long key = keys.incrementAndGet();
        LeaderLease a = lease(key, Duration.ofSeconds(60));
        LeaderLease b = lease(key, Duration.ofSeconds(60));
        assertThat(a.refresh()).isEqualTo(Phase.LEADING);
        assertThat(b.refresh()).isEqualTo(Phase.STANDBY);
        Instant claimed = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(a.claim(claimed)).isTrue();

        endLeaderSession(key);

        long start = System.nanoTime();
        assertThat(b.refresh()).isEqualTo(Phase.WAITING);
        while (b.refresh() == Phase.WAITING) {
            Thread.sleep(50);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(b.phase()).isEqualTo(Phase.LEADING);
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(b.resumePoint()).as("continues after the vanished leader's last claim").contains(claimed);

        // Had the first leader been alive (its session ended by the server), it notices at its next write, then finds
        // the lock taken and stops.
        assertThat(a.refresh()).isEqualTo(Phase.UNCONFIRMED);
        assertThat(a.refresh()).isEqualTo(Phase.STANDBY);
        assertThat(a.claim(claimed.plusSeconds(1))).isFalse();
    }

    @Test
    void aLeaderThatMayStillBeSendingFromItsCacheIsWaitedOutAndNothingItMaySendIsRepeated() throws Exception {
        long key = keys.incrementAndGet();
        Duration grace = Duration.ofSeconds(3);
        LeaderLease a = lease(key, grace);
        LeaderLease b = lease(key, grace);
        assertThat(a.refresh()).isEqualTo(Phase.LEADING);
        assertThat(b.refresh()).isEqualTo(Phase.STANDBY);
        Instant claimed = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        assertThat(a.claim(claimed)).isTrue();
        // As if the server had dropped a session silent since that claim: its heartbeat is 5 s old, the server up.
        jdbc.sql("UPDATE scheduler_leases SET heartbeat_at = heartbeat_at - interval '5 seconds' WHERE lock_key = ?")
                .param(key).update();

        endLeaderSession(key);

        assertThat(b.refresh()).isEqualTo(Phase.WAITING);
        // Grace 3 s after a heartbeat 5 s old, plus the 2 s margin: nothing left to wait.
        assertThat(b.refresh()).isEqualTo(Phase.LEADING);
        Instant resume = b.resumePoint().orElseThrow();
        assertThat(resume).as("after whatever the old leader may have sent in its grace")
                .isAfter(claimed).isAfter(Instant.now().minusSeconds(3));
    }

    @Test
    void aLeaderCutOffFromTheDatabaseSendsWithinItsGraceOnly() throws Exception {
        long key = keys.incrementAndGet();
        LeaderLease a = lease(key, Duration.ofSeconds(2));
        assertThat(a.refresh()).isEqualTo(Phase.LEADING);
        Instant claimed = Instant.now();
        assertThat(a.claim(claimed)).isTrue();

        endLeaderSession(key);

        assertThat(a.claim(claimed.plusMillis(100))).as("within the grace: sent from the cache").isTrue();
        assertThat(a.phase()).isEqualTo(Phase.UNCONFIRMED);
        Thread.sleep(2_100);
        assertThat(a.isLeading()).isFalse();
        assertThat(a.claim(claimed.plusSeconds(3))).as("grace over: nothing more").isFalse();
        // The database answers again and nobody else took the lock: it leads on from where it was.
        assertThat(a.refresh()).isEqualTo(Phase.LEADING);
        assertThat(a.resumePoint()).contains(claimed.plusMillis(100));
    }

    private LeaderLease lease(long key, Duration grace) {
        SchedulerProperties properties = new SchedulerProperties(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofSeconds(60), Duration.ofMillis(250), key, Duration.ofSeconds(10), 32, 3,
                Duration.ofSeconds(5), 25, grace, true);
        try {
            LeaderLease lease = new LeaderLease(new DedicatedConnections(pool), properties);
            leases.add(lease);
            return lease;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the session holding the lock on the server, as a kill (or a dropped connection) does. */
    private void endLeaderSession(long key) throws InterruptedException {
        String holders = """
                FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND classid::bigint = ? AND objid::bigint = ?""";
        Boolean ended = jdbc.sql("SELECT pg_terminate_backend(pid) " + holders)
                .params(key >>> 32, key & 0xffffffffL).query(Boolean.class).single();
        assertThat(ended).isTrue();
        // The backend ends (and frees the lock) a moment after it is told to.
        for (int i = 0; i < 100 && jdbc.sql("SELECT count(*) " + holders).params(key >>> 32, key & 0xffffffffL)
                .query(Integer.class).single() > 0; i++) {
            Thread.sleep(20);
        }
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
