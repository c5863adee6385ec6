package dev.vigil.api.security;

import java.util.UUID;

/** The caller of an API request: the workspace its key belongs to, and the key. */
public record ApiPrincipal(UUID workspaceId, UUID apiKeyId) {
}
