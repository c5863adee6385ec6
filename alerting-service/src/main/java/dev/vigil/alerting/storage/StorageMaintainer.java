package dev.vigil.alerting.storage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the results store in shape. On plain PostgreSQL it does what TimescaleDB's policies do there: daily
 * partitions of {@code check_results} a week ahead, the hourly and daily rollups (recent buckets recomputed, so late
 * results are counted), and retention (old partitions dropped, old rollup rows deleted). On both it deletes round
 * verdicts and heartbeat pings past the raw retention (keeping each monitor's last ping).
 *
 * <p>Several alerting instances run this; each job takes a transaction-scoped advisory lock first and skips its run
 * when another instance holds it, so two instances never roll up or drop the same data at once.
 */
@Component
class StorageMaintainer {

    private static final Logger log = LoggerFactory.getLogger(StorageMaintainer.class);
    private static final int DAYS_AHEAD = 7;
    private static final long ROLLUP_LOCK = 0x5649_4749_4c01L;
    private static final long RETENTION_LOCK = 0x5649_4749_4c02L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StorageProperties properties;
    private final Clock clock;
    private final ScreenshotDeletions screenshots;

    /** @param screenshots deletes the stored screenshots of the artifact rows retention deletes */
    StorageMaintainer(JdbcClient jdbc, PlatformTransactionManager transactionManager, StorageProperties properties,
                      Clock clock, ScreenshotDeletions screenshots) {
        this.screenshots = screenshots;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${vigil.storage.maintenance-interval:PT1H}")
    void maintain() {
        try {
            ensurePartitions();
            applyRetention();
            screenshots.drain();
        } catch (RuntimeException e) {
            log.warn("storage maintenance failed; will retry: {}", e.toString());
        }
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${vigil.storage.rollup-interval:PT5M}")
    void rollUp() {
        try {
            rollUpRecent();
        } catch (RuntimeException e) {
            log.warn("rollup failed; will retry: {}", e.toString());
        }
    }

    public boolean usesTimescale() {
        return jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'").query(Integer.class)
                .single() > 0;
    }

    void ensurePartitions() {
        if (usesTimescale()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Integer created = jdbc.sql("SELECT vigil_ensure_daily_partitions('check_results', :from, :to)")
                .param("from", today.minusDays(1)).param("to", today.plusDays(DAYS_AHEAD))
                .query(Integer.class).single();
        if (created != null && created > 0) {
            log.info("created {} check_results partition(s)", created);
        }
    }

    /**
     * Brings the rollups up to date: the hourly one through the current (partial) hour, re-rolling the previous hour;
     * the daily one through yesterday, re-rolling the day before (today's daily bucket appears at midnight; queries of
     * the current day use the hourly rollup). Answers the rollup rows written.
     */
    public int rollUpRecent() {
        if (usesTimescale()) {
            return 0;
        }
        Integer written = transactions.execute(status -> {
            if (!tryLock(ROLLUP_LOCK)) {
                return 0;
            }
            Instant now = clock.instant();
            Instant hour = now.truncatedTo(ChronoUnit.HOURS);
            Instant day = now.truncatedTo(ChronoUnit.DAYS);
            int rows = roll("hour", progress("hourly", hour.minus(Duration.ofDays(2))).minus(Duration.ofHours(1)),
                    now);
            setProgress("hourly", hour);
            Instant daysDone = progress("daily", day.minus(Duration.ofDays(7)));
            if (daysDone.isBefore(day)) {
                // Once a day: the newly closed day(s), and the one before again for results that came in late.
                rows += roll("day", daysDone.minus(Duration.ofDays(1)), day);
                setProgress("daily", day);
            }
            return rows;
        });
        return written == null ? 0 : written;
    }

    /**
     * Recomputes both rollups over [from, to) now: on TimescaleDB by refreshing the continuous aggregates (outside any
     * transaction, as TimescaleDB requires), else with the plain rollup function.
     */
    public void refreshRollups(Instant from, Instant to) {
        if (usesTimescale()) {
            Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
            Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
            jdbc.sql("CALL refresh_continuous_aggregate('check_results_hourly', ?, ?)")
                    .params(Timestamp.from(hourFrom), Timestamp.from(to.truncatedTo(ChronoUnit.HOURS).plus(
                            Duration.ofHours(1)))).update();
            jdbc.sql("CALL refresh_continuous_aggregate('check_results_daily', ?, ?)")
                    .params(Timestamp.from(dayFrom), Timestamp.from(to.truncatedTo(ChronoUnit.DAYS).plus(
                            Duration.ofDays(1)))).update();
            return;
        }
        roll("hour", from, to);
        roll("day", from, to);
    }

    void applyRetention() {
        Instant now = clock.instant();
        Instant rawCutoff = now.minus(properties.rawRetention());
        transactions.executeWithoutResult(status -> {
            if (!tryLock(RETENTION_LOCK)) {
                return;
            }
            if (!usesTimescale()) {
                LocalDate cutoffDay = LocalDate.ofInstant(rawCutoff, ZoneOffset.UTC);
                Integer dropped = jdbc.sql("SELECT vigil_drop_daily_partitions('check_results', ?)")
                        .param(cutoffDay).query(Integer.class).single();
                jdbc.sql("DELETE FROM check_results_default WHERE time < ?").param(Timestamp.from(rawCutoff))
                        .update();
                Timestamp rollupCutoff = Timestamp.from(now.minus(properties.rollupRetention()));
                jdbc.sql("DELETE FROM check_results_hourly WHERE bucket < ?").param(rollupCutoff).update();
                jdbc.sql("DELETE FROM check_results_daily WHERE bucket < ?").param(rollupCutoff).update();
                if (dropped != null && dropped > 0) {
                    log.info("dropped {} check_results partition(s) older than {}", dropped, cutoffDay);
                }
            }
            jdbc.sql("DELETE FROM check_rounds WHERE time < ?").param(Timestamp.from(rawCutoff)).update();
            // Screenshots go with the results they belong to; a row's trigger queues the key of one kept in an object
            // store (V56_1), and ScreenshotDeletions deletes the object after this commits.
            jdbc.sql("DELETE FROM check_artifacts WHERE time < ?")
                    .param(Timestamp.from(rawCutoff)).update();
            // Skipped checks are no-data spans in uptime, which reaches back as far as the rollups do.
            jdbc.sql("DELETE FROM skipped_checks WHERE last_at < ?")
                    .param(Timestamp.from(now.minus(properties.rollupRetention()))).update();
            // Each monitor's last ping stays: it is when the next beat is due from.
            jdbc.sql("""
                            DELETE FROM heartbeat_pings p WHERE received_at < ?
                              AND EXISTS (SELECT 1 FROM heartbeat_pings q WHERE q.monitor_id = p.monitor_id
                                          AND q.id > p.id)""")
                    .param(Timestamp.from(rawCutoff)).update();
        });
    }

    private int roll(String width, Instant from, Instant to) {
        Integer rows = jdbc.sql("SELECT vigil_rollup_check_results(?, ?, ?)")
                .params(width, Timestamp.from(from), Timestamp.from(to)).query(Integer.class).single();
        return rows == null ? 0 : rows;
    }

    private Instant progress(String rollup, Instant initial) {
        return jdbc.sql("SELECT rolled_until FROM rollup_progress WHERE rollup = ?").param(rollup)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(initial);
    }

    private void setProgress(String rollup, Instant until) {
        jdbc.sql("""
                        INSERT INTO rollup_progress (rollup, rolled_until) VALUES (?, ?)
                        ON CONFLICT (rollup) DO UPDATE SET rolled_until = EXCLUDED.rolled_until""")
                .params(rollup, Timestamp.from(until)).update();
    }

    /** Transaction-scoped, released at commit; false when another instance runs the same job now. */
    private boolean tryLock(long key) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(key)
                .query(Boolean.class).single());
    }
}
