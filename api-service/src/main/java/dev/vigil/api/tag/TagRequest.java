package dev.vigil.api.tag;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tag as the API takes it; the read-only fields of an answer are accepted and ignored, so a client can PUT it back.
 */
@JsonIgnoreProperties(value = {"id", "monitors", "createdAt"})
@Schema(description = "A tag for monitors")
public record TagRequest(
        @Schema(description = "1 to 50 characters, unique in the workspace regardless of case", example = "production")
        String name,
        @Schema(description = "#rrggbb; default: picked from a palette by the name", example = "#2563eb")
        String color) {
}
