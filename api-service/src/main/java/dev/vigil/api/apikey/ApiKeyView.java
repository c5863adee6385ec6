package dev.vigil.api.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.identity.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key as listed: never the key itself. {@code key} is present only in the answer to its creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(UUID id, String name,
                         @Schema(description = "The first characters of the key, to tell keys apart",
                                 example = "vgl_Xk3mP9qA") String prefix,
                         Role role, UUID createdBy, Instant createdAt, Instant lastUsedAt,
                         @Schema(description = "The key: only in the answer to POST, never again",
                                 example = "vgl_Xk3mP9qAbcdefghijklmnopqrstuvwx") String key) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.getId(), key.getName(), key.getPrefix(), key.getRole(), key.getCreatedBy(),
                key.getCreatedAt(), key.getLastUsedAt(), null);
    }

    static ApiKeyView created(ApiKeyIssuer.IssuedApiKey issued) {
        ApiKey key = issued.key();
        return new ApiKeyView(key.getId(), key.getName(), key.getPrefix(), key.getRole(), key.getCreatedBy(),
                key.getCreatedAt(), null, issued.plaintext());
    }

    @Override
    public String toString() {
        return "ApiKeyView[" + id + ", " + prefix + "…]";
    }
}
