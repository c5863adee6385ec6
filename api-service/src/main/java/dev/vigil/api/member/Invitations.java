package dev.vigil.api.member;

import dev.vigil.api.apikey.ApiKeyIssuer;
import dev.vigil.api.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invitations: an address, a role and a token mailed to that address ({@code vgi_} and 192 random bits, stored as a
 * SHA-256 hash, never shown to the inviter). One per address and workspace; inviting again replaces it.
 */
@Component
class Invitations {

    private static final String MARKER = "vgi_";
    private static final String COLUMNS = "SELECT id, workspace_id, email, role, created_at, expires_at "
            + "FROM workspace_invitations ";

    private final JdbcClient jdbc;
    private final ApiKeyIssuer secrets;

    Invitations(JdbcClient jdbc, ApiKeyIssuer secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A pending invitation. */
    record Pending(UUID id, UUID workspaceId, String email, Role role, Instant createdAt, Instant expiresAt) {
    }

    /** Stores a new invitation (replacing one to the same address); answers the token, to be mailed. */
    String issue(Pending invitation, UUID invitedBy) {
        String token = secrets.randomSecret(MARKER);
        jdbc.sql("DELETE FROM workspace_invitations WHERE workspace_id = ? AND lower(email) = lower(?)")
                .params(invitation.workspaceId(), invitation.email()).update();
        jdbc.sql("""
                        INSERT INTO workspace_invitations (id, workspace_id, email, role, invited_by, token_hash,
                                                           created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(invitation.id(), invitation.workspaceId(), invitation.email(), invitation.role().name(),
                        invitedBy, ApiKeyIssuer.hash(token), Timestamp.from(invitation.createdAt()),
                        Timestamp.from(invitation.expiresAt()))
                .update();
        return token;
    }

    Optional<Pending> find(UUID workspaceId, UUID id) {
        return jdbc.sql(COLUMNS + "WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                .query(Invitations::pending).optional();
    }

    long count(UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM workspace_invitations WHERE workspace_id = ?").param(workspaceId)
                .query(Long.class).single();
    }

    /**
     * The invitation a token stands for, if it exists and has not expired. With {@code lock} the row is locked: of
     * two acceptances of one token racing, the second waits and then finds it gone.
     */
    Optional<Pending> findValid(String token, Instant now, boolean lock) {
        if (token == null || !token.startsWith(MARKER) || token.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql(COLUMNS + "WHERE token_hash = ? AND expires_at > ?" + (lock ? " FOR UPDATE" : ""))
                .params(ApiKeyIssuer.hash(token), Timestamp.from(now))
                .query(Invitations::pending).optional();
    }

    void changeRole(UUID id, Role role) {
        jdbc.sql("UPDATE workspace_invitations SET role = ? WHERE id = ?").params(role.name(), id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM workspace_invitations WHERE id = ?").param(id).update();
    }

    private static Pending pending(ResultSet rs, int row) throws SQLException {
        return new Pending(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
