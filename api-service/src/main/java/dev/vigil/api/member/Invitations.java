package dev.vigil.api.member;

import dev.vigil.api.apikey.ApiKeyIssuer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invitation tokens: {@code vgi_} and 192 random bits, shown once and stored as a SHA-256 hash like API keys. A token
 * belongs to one membership and dies with it (removing the member withdraws the invitation).
 */
@Component
class Invitations {

    private static final String MARKER = "vgi_";

    private final JdbcClient jdbc;
    private final ApiKeyIssuer secrets;

    Invitations(JdbcClient jdbc, ApiKeyIssuer secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Stores a new token for the membership; answers the token (its only copy). */
    String issue(UUID workspaceId, UUID userId, UUID invitedBy, Instant now, Instant expiresAt) {
        String token = secrets.randomSecret(MARKER);
        jdbc.sql("""
                        INSERT INTO member_invitations (token_hash, workspace_id, user_id, invited_by, created_at,
                                                        expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(ApiKeyIssuer.hash(token), workspaceId, userId, invitedBy, Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /**
     * The membership a token invites to, if the token exists and has not expired. Locks the invitation row: of two
     * acceptances of one token racing, the second waits and then finds it gone.
     */
    Optional<Invited> findValid(String token, Instant now) {
        if (token == null || !token.startsWith(MARKER) || token.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT workspace_id, user_id FROM member_invitations
                        WHERE token_hash = ? AND expires_at > ?
                        FOR UPDATE""")
                .params(ApiKeyIssuer.hash(token), Timestamp.from(now))
                .query((rs, row) -> new Invited(rs.getObject("workspace_id", UUID.class),
                        rs.getObject("user_id", UUID.class)))
                .optional();
    }

    /** Once a person has a password, none of their invitations is needed any more. */
    void deleteAllOf(UUID userId) {
        jdbc.sql("DELETE FROM member_invitations WHERE user_id = ?").param(userId).update();
    }

    record Invited(UUID workspaceId, UUID userId) {
    }
}
