package dev.vigil.api.apikey;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.Role;
import dev.vigil.api.web.StoredTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes new keys: {@code vgl_} followed by 32 URL-safe characters (192 random bits). The first
 * {@link #PREFIX_LENGTH} characters are kept in clear as the key's visible prefix.
 */
@Component
public class ApiKeyIssuer {

    static final String MARKER = "vgl_";
    static final int PREFIX_LENGTH = 12;
    private static final int RANDOM_BYTES = 24;

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyIssuer(ApiKeyRepository keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates and stores a key with its {@code api_key.created} audit entry, in the caller's transaction; the returned
     * plaintext is the only copy there will ever be.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public IssuedApiKey issue(UUID workspaceId, UUID createdBy, String name, Role role, Actor actor) {
        String plaintext = randomSecret(MARKER);
        ApiKey key = keys.save(new ApiKey(workspaceId, createdBy, name, role, plaintext.substring(0, PREFIX_LENGTH),
                hash(plaintext), StoredTime.now(clock)));
        audit.record(workspaceId, actor, "api_key.created", "API_KEY", key.getId(),
                Map.of("name", name, "prefix", key.getPrefix(), "role", role.name()));
        return new IssuedApiKey(key, plaintext);
    }

    /** A new random secret with the key format, for other one-time tokens (invitations). */
    public String randomSecret(String marker) {
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        return marker + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The stored form of a presented key (or other random token). */
    public static byte[] hash(String plaintext) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a string has the shape of a key at all (cheap rejection before a database lookup). */
    public static boolean looksLikeKey(String candidate) {
        return candidate != null && candidate.startsWith(MARKER) && candidate.length() == MARKER.length() + 32
                && candidate.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    /** A new key with its one-time plaintext. */
    public record IssuedApiKey(ApiKey key, String plaintext) {

        @Override
        public String toString() {
            return "IssuedApiKey[" + key.getPrefix() + "…]";
        }
    }
}
