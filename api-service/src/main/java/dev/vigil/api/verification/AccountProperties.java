package dev.vigil.api.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts ({@code vigil.accounts.*}). Mail goes to the SMTP server of {@code spring.mail.*}; the links in it start
 * with {@code vigil.api.public-url}. Without {@code spring.mail.host} nothing is mailed, and nobody can verify an
 * address, accept an invitation or reset a password.
 *
 * @param mailFrom           the sender of verification, invitation and password reset mails
 * @param verificationTtl    how long an address verification link works
 * @param resetTtl           how long a password reset link works
 * @param freeSignInFailures failed sign-ins in a row to one address before it is locked
 * @param firstLockout       the first lock-out; each further failure doubles it
 * @param maxLockout         the longest lock-out
 */
@ConfigurationProperties("vigil.accounts")
public record AccountProperties(@DefaultValue("accounts@vigil.local") String mailFrom,
                                @DefaultValue("24h") Duration verificationTtl,
                                @DefaultValue("1h") Duration resetTtl,
                                @DefaultValue("5") int freeSignInFailures,
                                @DefaultValue("30s") Duration firstLockout,
                                @DefaultValue("1h") Duration maxLockout) {

    public AccountProperties {
        if (mailFrom == null || !mailFrom.contains("@")) {
            throw new IllegalArgumentException("vigil.accounts.mail-from must be an email address, was " + mailFrom);
        }
        for (Duration d : new Duration[] {verificationTtl, resetTtl, firstLockout, maxLockout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vigil.accounts durations must be positive, was " + d);
            }
        }
        if (freeSignInFailures < 1) {
            throw new IllegalArgumentException("vigil.accounts.free-sign-in-failures must be at least 1, was "
                    + freeSignInFailures);
        }
        if (maxLockout.compareTo(firstLockout) < 0) {
            throw new IllegalArgumentException("vigil.accounts.max-lockout must not be shorter than first-lockout");
        }
    }
}
