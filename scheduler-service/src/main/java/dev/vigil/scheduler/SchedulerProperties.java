package dev.vigil.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.scheduler.*}.
 *
 * @param tick               how often the schedule is checked for due rounds at most (it sleeps until the next due
 *                           round otherwise)
 * @param batchWindow        the shortest time between two turns of the loop, so rounds due close together go out
 *                           together, packed in one message per queue, rather than one call each
 * @param resyncInterval     how often the whole monitor table is re-read to repair anything a lost notification missed
 * @param leaderPollInterval how often a standby tries to become the active scheduler (a graceful hand-over takes about
 *                           this long)
 * @param lockKey            the PostgreSQL advisory lock that elects the active scheduler
 * @param maxLateness        a round later than this (the loop stalled, or SQS held it back) is skipped, not sent
 * @param sendConcurrency    {@code SendMessageBatch} calls in flight at most; when all are busy the loop waits
 *                           (backpressure), so a slow or unreachable SQS never grows memory
 * @param sendAttempts       attempts per batch entry before its job is counted as unsent
 * @param sendTimeout        time limit of one {@code SendMessageBatch} call
 * @param packSize           jobs of one turn for one queue sent in one message at most (1: a message per job)
 * @param outageGrace        how long the active scheduler keeps sending from its cached schedule when it cannot reach
 *                           PostgreSQL to confirm its lease; a standby that wins the lock meanwhile (the server
 *                           restarted) waits this long after the last confirmation unless handed over to, so a longer
 *                           grace rides out longer outages but delays a takeover when the leader AND the database
 *                           failed together
 * @param quickTakeover      true: a standby that wins the lock right after the leader's session closed (its heartbeat
 *                           younger than 4 s, the server not restarted) takes over after 1 s, since only the leader's
 *                           process ending (kill, crash) closes its session that fast; false: it waits out the
 *                           leader's outage grace unless handed over. Use false when schedulers reach PostgreSQL
 *                           through a proxy that may close the server side while the leader lives (PgBouncer, RDS
 *                           Proxy): there a closed session does not prove the leader stopped
 */
@ConfigurationProperties("vigil.scheduler")
public record SchedulerProperties(@DefaultValue("100ms") Duration tick, @DefaultValue("200ms") Duration batchWindow,
                                  @DefaultValue("60s") Duration resyncInterval,
                                  @DefaultValue("250ms") Duration leaderPollInterval,
                                  @DefaultValue("7361001") long lockKey,
                                  @DefaultValue("10s") Duration maxLateness,
                                  @DefaultValue("32") int sendConcurrency,
                                  @DefaultValue("3") int sendAttempts,
                                  @DefaultValue("5s") Duration sendTimeout,
                                  @DefaultValue("25") int packSize,
                                  @DefaultValue("60s") Duration outageGrace,
                                  @DefaultValue("true") boolean quickTakeover) {

    public SchedulerProperties {
        if (sendConcurrency < 1 || sendAttempts < 1 || packSize < 1) {
            throw new IllegalArgumentException(
                    "vigil.scheduler.send-concurrency, send-attempts and pack-size must be >= 1");
        }
        if (outageGrace.isNegative()) {
            throw new IllegalArgumentException("vigil.scheduler.outage-grace must not be negative");
        }
    }
}
