package dev.vigil.api.verification;

import dev.vigil.api.apikey.ApiKeyIssuer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The single-use links mailed to an account: 192 random bits (like API keys), stored only as a SHA-256 hash, bound
 * to a purpose and a user, expiring. The server keeps every token it issued, so a token cannot be forged without the
 * database, and marking it used is one compare-and-set: of two uses racing, one wins.
 */
@Component
public class AccountTokens {

    /** What a token is for; a token of one purpose is refused for the other. */
    public enum Purpose {
        VERIFY_EMAIL("vgv_"), RESET_PASSWORD("vgr_");

        private final String marker;

        Purpose(String marker) {
            this.marker = marker;
        }
    }

    private final JdbcClient jdbc;
    private final ApiKeyIssuer secrets;

    AccountTokens(JdbcClient jdbc, ApiKeyIssuer secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A new token (its only copy) for the user, valid for {@code ttl}. */
    public String issue(Purpose purpose, UUID userId, Instant now, Duration ttl) {
        String token = secrets.randomSecret(purpose.marker);
        jdbc.sql("""
                        INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(ApiKeyIssuer.hash(token), purpose.name(), userId, Timestamp.from(now),
                        Timestamp.from(now.plus(ttl)))
                .update();
        return token;
    }

    /** The user a token is for, if it is of this purpose, unused and unexpired; does not use it. */
    public Optional<UUID> peek(Purpose purpose, String token, Instant now) {
        if (!plausible(purpose, token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT user_id FROM account_tokens
                        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""")
                .params(ApiKeyIssuer.hash(token), purpose.name(), Timestamp.from(now))
                .query(UUID.class).optional();
    }

    /** Uses the token: the user it is for, or empty when it is unknown, expired, used, or of another purpose. */
    public Optional<UUID> consume(Purpose purpose, String token, Instant now) {
        if (!plausible(purpose, token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        UPDATE account_tokens SET used_at = ?
                        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                        RETURNING user_id""")
                .params(Timestamp.from(now), ApiKeyIssuer.hash(token), purpose.name(), Timestamp.from(now))
                .query(UUID.class).optional();
    }

    /** Ends every unused token of this purpose for the user (a newer one replaces them, or they are moot). */
    public void withdrawAll(Purpose purpose, UUID userId, Instant now) {
        jdbc.sql("UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                .params(Timestamp.from(now), userId, purpose.name()).update();
    }

    /** Whether a token of this purpose was issued to the user after {@code since} (so a mail is not sent again). */
    public boolean issuedSince(Purpose purpose, UUID userId, Instant since) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM account_tokens WHERE user_id = ? AND purpose = ? "
                        + "AND created_at > ?)")
                .params(userId, purpose.name(), Timestamp.from(since)).query(Boolean.class).single();
    }

    private static boolean plausible(Purpose purpose, String token) {
        return token != null && token.startsWith(purpose.marker) && token.length() <= 64;
    }
}
