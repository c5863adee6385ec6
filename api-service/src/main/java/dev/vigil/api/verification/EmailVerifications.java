package dev.vigil.api.verification;

import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.web.ApiProperties;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Address verification: a sign-up mails a link to the address; following it proves the person holds that mailbox.
 * A new link replaces the older ones, and at most one is mailed a minute, so the form cannot flood a mailbox.
 */
@Service
public class EmailVerifications {

    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);
    private static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 100_000;

    private final AccountTokens tokens;
    private final AccountMailer mailer;
    private final UserAccountRepository users;
    private final AccountProperties properties;
    private final ApiProperties api;
    private final Clock clock;
    private final Set<UUID> verified = ConcurrentHashMap.newKeySet();

    EmailVerifications(AccountTokens tokens, AccountMailer mailer, UserAccountRepository users,
                       AccountProperties properties, ApiProperties api, Clock clock) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.users = users;
        this.properties = properties;
        this.api = api;
        this.clock = clock;
    }

    /** Mails a verification link to a new account, in the sign-up's transaction (sent once it commits). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void start(UserAccount user) {
        Instant now = StoredTime.now(clock);
        String token = tokens.issue(AccountTokens.Purpose.VERIFY_EMAIL, user.getId(), now,
                properties.verificationTtl());
        mailer.sendVerification(user.getEmail(), api.link("/verify-email?token=" + token));
    }

    /** A new link for an unverified account; false when it is verified already or a link went out a minute ago. */
    @Transactional
    public boolean resend(UUID userId) {
        UserAccount user = users.findById(userId).orElse(null);
        Instant now = StoredTime.now(clock);
        if (user == null || user.isEmailVerified()
                || tokens.issuedSince(AccountTokens.Purpose.VERIFY_EMAIL, userId, now.minus(RESEND_AFTER))) {
            return false;
        }
        tokens.withdrawAll(AccountTokens.Purpose.VERIFY_EMAIL, userId, now);
        start(user);
        return true;
    }

    /** Uses a verification link: the account whose address it proves, or empty when the link is not valid. */
    @Transactional
    public Optional<UserAccount> confirm(String token) {
        Instant now = StoredTime.now(clock);
        Optional<UserAccount> user = tokens.consume(AccountTokens.Purpose.VERIFY_EMAIL, token, now)
                .flatMap(users::findById);
        user.ifPresent(u -> {
            u.verifyEmail(now);
            users.saveAndFlush(u);
            tokens.withdrawAll(AccountTokens.Purpose.VERIFY_EMAIL, u.getId(), now);
            log.info("email verified user={}", u.getId());
        });
        return user;
    }

    /**
     * Whether the account's address is proven (unknown accounts are not). Asked by every dashboard page for its
     * banner; a proven address stays proven (an account's address never changes), so this instance remembers the
     * accounts it found verified and asks the database only about the others.
     */
    @Transactional(readOnly = true)
    public boolean isVerified(UUID userId) {
        if (verified.contains(userId)) {
            return true;
        }
        boolean proven = users.isEmailVerified(userId);
        if (proven) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.add(userId);
        }
        return proven;
    }
}
