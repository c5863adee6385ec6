package dev.vigil.api.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** A group as the API takes it; the read-only fields of an answer are accepted and ignored. */
@JsonIgnoreProperties(value = {"id", "path", "monitors", "createdAt"})
@Schema(description = "A monitor group (a folder, nested once)")
public record GroupRequest(
        @Schema(description = "1 to 100 characters, unique among its siblings regardless of case", example = "EU")
        String name,
        @Schema(description = "A top-level group of the workspace to nest this one in; none for a top-level group")
        UUID parentId) {
}
