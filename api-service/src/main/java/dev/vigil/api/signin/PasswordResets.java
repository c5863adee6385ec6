package dev.vigil.api.signin;

import dev.vigil.api.account.AccountRules;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.verification.AccountMailer;
import dev.vigil.api.verification.AccountProperties;
import dev.vigil.api.verification.AccountTokens;
import dev.vigil.api.web.ApiProperties;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by a link mailed to the address:
 * <ol>
 *   <li>asking answers the same whether the address has an account or not (only the mailbox learns which);</li>
 *   <li>at most one link a minute goes to an address, and a new one replaces the older ones;</li>
 *   <li>the link works once, before it expires; using it sets the password, proves the address, clears the
 *       lock-out and ends every dashboard session of the account (and, if the address was unproven until then, the
 *       account's API keys: whoever made them never showed they hold the mailbox).</li>
 * </ol>
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    static final String INVALID_LINK = "This reset link is not valid: it may have expired or been used already; "
            + "ask for a new one.";

    private final JdbcClient jdbc;
    private final AccountTokens tokens;
    private final AccountMailer mailer;
    private final UserAccountRepository users;
    private final PasswordCheck passwordCheck;
    private final PasswordEncoder passwords;
    private final AccountProperties properties;
    private final ApiProperties api;
    private final Clock clock;

    PasswordResets(JdbcClient jdbc, AccountTokens tokens, AccountMailer mailer, UserAccountRepository users,
                   PasswordCheck passwordCheck,
                   PasswordEncoder passwords,
                   AccountProperties properties, ApiProperties api, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.mailer = mailer;
        this.users = users;
        this.passwordCheck = passwordCheck;
        this.passwords = passwords;
        this.properties = properties;
        this.api = api;
        this.clock = clock;
    }

    /** Mails a reset link if the address has an account; answers nothing either way. 400 only for a malformed one. */
    @Transactional
    public void request(String email) {
        FieldProblems problems = new FieldProblems();
        String address = AccountRules.email(problems, "email", email);
        problems.throwIfAny();
        Instant now = StoredTime.now(clock);
        users.findByEmail(address).filter(UserAccount::hasPassword)
                .filter(u -> !tokens.issuedSince(AccountTokens.Purpose.RESET_PASSWORD, u.getId(),
                        now.minus(RESEND_AFTER)))
                .ifPresent(user -> {
                    tokens.withdrawAll(AccountTokens.Purpose.RESET_PASSWORD, user.getId(), now);
                    String token = tokens.issue(AccountTokens.Purpose.RESET_PASSWORD, user.getId(), now,
                            properties.resetTtl());
                    mailer.sendPasswordReset(user.getEmail(), api.link("/reset-password?token=" + token));
                    log.info("password reset mailed user={}", user.getId());
                });
    }

    /** Whether the link can still be used (the form is shown only then). */
    @Transactional(readOnly = true)
    public boolean isUsable(String token) {
        return tokens.peek(AccountTokens.Purpose.RESET_PASSWORD, token, StoredTime.now(clock)).isPresent();
    }

    /** Uses the link: sets the password; 400 naming {@code password} or {@code token} when either is not right. */
    @Transactional
    public UserAccount complete(String token, String newPassword) {
        FieldProblems problems = new FieldProblems();
        String password = AccountRules.password(problems, "password", newPassword);
        problems.throwIfAny();
        Instant now = StoredTime.now(clock);
        UserAccount user = tokens.consume(AccountTokens.Purpose.RESET_PASSWORD, token, now)
                .flatMap(users::findById).orElse(null);
        if (user == null) {
            problems.add("token", INVALID_LINK);
            problems.throwIfAny();
        }
        boolean wasUnverified = !user.isEmailVerified();
        user.resetPassword(passwords.encode(password));
        // The link arrived in the mailbox: that proves the address as well as a verification link would.
        user.verifyEmail(now);
        if (wasUnverified) {
            // Whoever made the account never proved the address: it may have been someone squatting on it, so the
            // API keys they made stop working with their sessions; the mailbox's owner makes new ones.
            int revoked = jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL")
                    .params(java.sql.Timestamp.from(now), user.getId()).update();
            log.info("password reset of an unverified account revoked its keys user={} keys={}", user.getId(),
                    revoked);
        }
        users.saveAndFlush(user);
        tokens.withdrawAll(AccountTokens.Purpose.RESET_PASSWORD, user.getId(), now);
        passwordCheck.cleared(user.getEmail());
        log.info("password reset user={}", user.getId());
        return user;
    }
}
