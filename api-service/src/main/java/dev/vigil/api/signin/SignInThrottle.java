package dev.vigil.api.signin;

import dev.vigil.api.verification.AccountProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lock-out per address: after {@code freeSignInFailures} failed sign-ins in a row the address is locked for
 * {@code firstLockout}, and each further failure doubles that, up to {@code maxLockout}. While locked, attempts are
 * refused without looking at the password, so guessing stops. Counted for every address, registered or not, so the
 * answer tells nobody whether an account exists; a day without failures starts the count afresh.
 */
@Component
public class SignInThrottle {

    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final AccountProperties properties;

    SignInThrottle(JdbcClient jdbc, AccountProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** How long the address stays locked, if it is. */
    public Optional<Duration> lockedFor(String email, Instant now) {
        return jdbc.sql("SELECT locked_until FROM sign_in_failures WHERE email = ? AND locked_until > ?")
                .params(key(email), Timestamp.from(now))
                .query((rs, row) -> Duration.between(now, rs.getTimestamp(1).toInstant()))
                .optional();
    }

    /**
     * Counts a failure (committed on its own, whatever the caller's transaction does) and answers the lock-out it
     * starts, zero while failures are still free. The count is one atomic upsert, so attempts racing on several
     * instances are all counted.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Duration recordFailure(String email, Instant now) {
        int failures = jdbc.sql("""
                        INSERT INTO sign_in_failures (email, failures, last_failure_at) VALUES (:email, 1, :now)
                        ON CONFLICT (email) DO UPDATE SET
                            failures = CASE WHEN sign_in_failures.last_failure_at < :forget THEN 1
                                            ELSE sign_in_failures.failures + 1 END,
                            last_failure_at = :now
                        RETURNING failures""")
                .param("email", key(email)).param("now", Timestamp.from(now))
                .param("forget", Timestamp.from(now.minus(FORGET_AFTER)))
                .query(Integer.class).single();
        Duration lock = lockoutAfter(failures);
        if (!lock.isZero()) {
            jdbc.sql("UPDATE sign_in_failures SET locked_until = ? WHERE email = ?")
                    .params(Timestamp.from(now.plus(lock)), key(email)).update();
        }
        return lock;
    }

    /** A successful sign-in (or a password reset) clears the count. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void clear(String email) {
        jdbc.sql("DELETE FROM sign_in_failures WHERE email = ?").param(key(email)).update();
    }

    /** The lock-out after {@code failures} failures in a row: none, then first, doubling, capped. */
    Duration lockoutAfter(int failures) {
        int beyond = failures - properties.freeSignInFailures();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration lock = properties.firstLockout();
        for (int i = 0; i < beyond && lock.compareTo(properties.maxLockout()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lock;
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
