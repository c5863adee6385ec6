package dev.vigil.api.signin;

import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks an address and password behind the lock-out: the dashboard's sign-in and accepting an invitation with an
 * existing account's password both come through here, so neither is a way around it. An unknown address costs the
 * same bcrypt comparison as a known one, so timing tells nothing either.
 */
@Component
public class PasswordCheck {

    private static final Logger log = LoggerFactory.getLogger(PasswordCheck.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final String decoyHash;

    PasswordCheck(UserAccountRepository users, PasswordEncoder passwords, SignInThrottle throttle, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
        this.decoyHash = passwords.encode("a password nobody has: this hash only makes misses take as long");
    }

    /** The outcome of one attempt. */
    public sealed interface Outcome {
        /** The password is right; the failure count is cleared. */
        record Passed(UserAccount user) implements Outcome {
        }

        /** Wrong address or password (not told apart). */
        record Failed() implements Outcome {
        }

        /** The address is locked: the password was not even looked at. */
        record Locked(Duration retryAfter) implements Outcome {
        }
    }

    public Outcome check(String email, String password) {
        Instant now = StoredTime.now(clock);
        String address = email == null ? "" : email.strip();
        Optional<Duration> locked = throttle.lockedFor(address, now);
        if (locked.isPresent()) {
            return new Outcome.Locked(locked.get());
        }
        UserAccount user = address.isEmpty() ? null : users.findByEmail(address).orElse(null);
        String hash = user == null || !user.hasPassword() ? decoyHash : user.getPasswordHash();
        boolean matches = password != null && passwords.matches(password, hash);
        if (user != null && user.hasPassword() && matches) {
            throttle.clear(address);
            return new Outcome.Passed(user);
        }
        return failure(address, now);
    }

    /** Counts a failed second step (a wrong TOTP or recovery code) against the address like a wrong password. */
    public Outcome failure(String email, Instant now) {
        Duration lock = throttle.recordFailure(email, now);
        if (!lock.isZero()) {
            log.info("sign-in locked lockSeconds={}", lock.toSeconds());
            return new Outcome.Locked(lock);
        }
        return new Outcome.Failed();
    }

    /** The address is locked now (for the second step, which has no password to check). */
    public Optional<Duration> lockedFor(String email) {
        return throttle.lockedFor(email, StoredTime.now(clock));
    }

    public void cleared(String email) {
        throttle.clear(email);
    }
}
