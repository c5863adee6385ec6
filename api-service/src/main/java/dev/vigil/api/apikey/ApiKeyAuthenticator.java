package dev.vigil.api.apikey;

import dev.vigil.api.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a presented key: its hash must match a key that is not revoked and whose creator is still a member of the
 * key's workspace. The key then acts with the lesser of its own role and its creator's current role, so demoting or
 * removing a member changes what their keys may do on the very next request, with no cache to go stale.
 */
@Component
public class ApiKeyAuthenticator {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** Beyond this many keys remembered, the memory of recent touches starts afresh (it is only a shortcut). */
    private static final int MAX_REMEMBERED = 10_000;

    private final JdbcClient jdbc;
    private final ApiKeyRepository keys;
    private final Clock clock;
    /**
     * When this instance last recorded each key's use. {@code last_used_at} has a resolution of a minute, so within
     * it a request need not ask the database at all: the conditional UPDATE (its own transaction) was one of the
     * round trips every API request paid, though it changed a row once a minute at most.
     */
    private final Map<UUID, Instant> touched = new ConcurrentHashMap<>();

    ApiKeyAuthenticator(JdbcClient jdbc, ApiKeyRepository keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** The key's holder, or empty for a malformed, unknown, revoked or orphaned key (never saying which). */
    public Optional<AuthenticatedKey> authenticate(String presented) {
        if (!ApiKeyIssuer.looksLikeKey(presented)) {
            return Optional.empty();
        }
        Optional<AuthenticatedKey> key = jdbc.sql("""
                        SELECT k.id, k.workspace_id, k.created_by, k.role AS key_role, m.role AS member_role,
                               k.prefix, k.name, u.email
                        FROM api_keys k
                                 JOIN workspace_members m
                                      ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by
                                 JOIN users u ON u.id = k.created_by
                        WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
                .param(ApiKeyIssuer.hash(presented))
                .query(ApiKeyAuthenticator::row)
                .optional();
        key.ifPresent(k -> touch(k.keyId()));
        return key;
    }

    private void touch(UUID keyId) {
        Instant now = clock.instant();
        Instant last = touched.get(keyId);
        if (last != null && last.isAfter(now.minus(LAST_USED_RESOLUTION))) {
            return;
        }
        if (touched.size() >= MAX_REMEMBERED) {
            touched.clear();
        }
        touched.put(keyId, now);
        keys.touch(keyId, now, now.minus(LAST_USED_RESOLUTION));
    }

    private static AuthenticatedKey row(ResultSet rs, int row) throws SQLException {
        Role role = Role.lesser(Role.valueOf(rs.getString("key_role")), Role.valueOf(rs.getString("member_role")));
        return new AuthenticatedKey(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("created_by", UUID.class), role, rs.getString("prefix"), rs.getString("name"),
                rs.getString("email"));
    }

    /** A key that checked out, and who it acts for. */
    public record AuthenticatedKey(UUID keyId, UUID workspaceId, UUID userId, Role role, String prefix, String name,
                                   String userEmail) {

        /** "ann@example.com via key vgl_AbCdEfGh (CI)". */
        public String label() {
            return userEmail + " via key " + prefix + " (" + name + ")";
        }
    }
}
