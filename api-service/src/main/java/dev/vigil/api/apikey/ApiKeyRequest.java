package dev.vigil.api.apikey;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/v1/api-keys}. */
@Schema(example = "{\"name\": \"CI pipeline\", \"role\": \"VIEWER\"}")
public record ApiKeyRequest(
        @Schema(description = "What the key is for", example = "CI pipeline") String name,
        @Schema(description = "OWNER, ADMIN or VIEWER (read only); at most your own role, which is the default",
                example = "VIEWER") String role) {
}
