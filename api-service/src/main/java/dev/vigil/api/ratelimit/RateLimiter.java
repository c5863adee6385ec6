package dev.vigil.api.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token buckets of one limit by client (an IP address, an API key id, a workspace, an email address), kept in
 * PostgreSQL so every api-service instance takes from the same bucket: N instances give a client the limit once, not
 * N times. A bucket holds up to {@code capacity} tokens, earns one back every {@code refillEvery}, and each request
 * takes one.
 *
 * <p>One atomic UPSERT per request refills the bucket for the time since its last visit and takes a token if there
 * is one; the row lock of {@code ON CONFLICT DO UPDATE} serialises concurrent requests of one client across
 * instances, so two of them can never both take the last token. Time comes from each instance's clock; a clock
 * behind the row's time earns nothing rather than a negative amount.
 *
 * <p>The bucket's key is a hash of the limit's name and shape and the client: no addresses are stored, and changing
 * a limit's settings starts its buckets afresh. Buckets that have filled up again are deleted once a minute (a full
 * bucket is the same as none). When the database cannot answer, the request is let through and counted: limits
 * guard against abuse, and an outage of the database is no reason to refuse every request.
 */
final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final String TAKE = """
            INSERT INTO rate_limit_buckets AS b (bucket, limit_name, tokens, granted, updated_at)
            VALUES (:bucket, :name, :capacity - 1, true, :now)
            ON CONFLICT (bucket) DO UPDATE SET
                granted = LEAST(:capacity, b.tokens
                        + GREATEST(0, EXTRACT(EPOCH FROM (:now - b.updated_at)) * 1000) / :refill) >= 1,
                tokens = LEAST(:capacity, b.tokens
                        + GREATEST(0, EXTRACT(EPOCH FROM (:now - b.updated_at)) * 1000) / :refill)
                    - CASE WHEN LEAST(:capacity, b.tokens
                        + GREATEST(0, EXTRACT(EPOCH FROM (:now - b.updated_at)) * 1000) / :refill) >= 1
                      THEN 1 ELSE 0 END,
                updated_at = GREATEST(b.updated_at, :now)
            RETURNING granted, tokens""";

    private final String name;
    private final RateLimitProperties.Limit limit;
    private final String shape;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Counter unavailable;
    private final AtomicLong nextSweep;

    RateLimiter(String name, RateLimitProperties.Limit limit, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.name = name;
        this.limit = limit;
        this.shape = name + "|" + limit.capacity() + "|" + limit.refillEvery().toMillis() + "|";
        this.jdbc = jdbc;
        this.clock = clock;
        this.unavailable = meters.counter("vigil.api.rate.limit.unavailable", "limit", name);
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    String name() {
        return name;
    }

    /** Takes one request from the client's bucket: {@link Duration#ZERO} when allowed, else when to retry. */
    Duration acquire(String client) {
        Instant now = clock.instant();
        try {
            sweepIfDue(now);
            long refillMillis = limit.refillEvery().toMillis();
            Taken taken = jdbc.sql(TAKE)
                    .param("bucket", bucket(client))
                    .param("name", name)
                    .param("capacity", (double) limit.capacity())
                    .param("refill", (double) refillMillis)
                    .param("now", Timestamp.from(now))
                    .query((rs, row) -> new Taken(rs.getBoolean("granted"), rs.getDouble("tokens")))
                    .single();
            if (taken.granted()) {
                return Duration.ZERO;
            }
            return Duration.ofMillis(Math.max(1, (long) Math.ceil((1 - taken.tokens()) * refillMillis)));
        } catch (DataAccessException e) {
            unavailable.increment();
            log.debug("rate limit {} not checked: {}", name, e.toString());
            return Duration.ZERO;
        }
    }

    private record Taken(boolean granted, double tokens) {
    }

    private String bucket(String client) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((shape + client)
                    .getBytes(StandardCharsets.UTF_8));
            return name + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Deletes this limit's buckets that are full again by now; one instance a minute does it, racing is harmless. */
    private void sweepIfDue(Instant now) {
        long due = nextSweep.get();
        if (now.toEpochMilli() >= due && nextSweep.compareAndSet(due, now.toEpochMilli() + SWEEP_EVERY_MILLIS)) {
            Instant fullSince = now.minus(limit.refillEvery().multipliedBy(limit.capacity()));
            jdbc.sql("DELETE FROM rate_limit_buckets WHERE limit_name = ? AND updated_at < ?")
                    .params(name, Timestamp.from(fullSince)).update();
        }
    }
}
