package dev.vigil.api.identity;

import dev.vigil.api.identity.Role;
import java.util.UUID;

/**
 * The caller of an API request: the workspace its key belongs to, the key, the person who made the key, and the role
 * the request acts with (the lesser of the key's role and that person's current role in the workspace).
 *
 * @param label who this is in words, for the audit log: the person's email and the key's prefix and name
 */
public record ApiPrincipal(UUID workspaceId, UUID apiKeyId, UUID userId, Role role, String label) {

    public boolean canWrite() {
        return role.canWrite();
    }
}
