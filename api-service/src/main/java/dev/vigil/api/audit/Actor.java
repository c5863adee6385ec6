package dev.vigil.api.audit;

import dev.vigil.api.identity.ApiPrincipal;
import java.util.UUID;

/**
 * Who made a change: a person, and the API key they used if any, with a label taken at the time (an email, a key's
 * prefix and name) so the entry stays readable after the person or key is gone.
 */
public record Actor(UUID userId, UUID apiKeyId, String label) {

    public static Actor of(ApiPrincipal principal) {
        return new Actor(principal.userId(), principal.apiKeyId(), principal.label());
    }

    /** A person acting without a key (signing up, accepting an invitation, later the dashboard). */
    public static Actor user(UUID userId, String email) {
        return new Actor(userId, null, email);
    }
}
