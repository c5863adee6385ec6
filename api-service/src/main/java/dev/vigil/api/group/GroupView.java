package dev.vigil.api.group;

import java.time.Instant;
import java.util.UUID;

/**
 * A group as the API answers it.
 *
 * @param path     "Parent / Name" for a subgroup, the name for a top-level group
 * @param monitors how many monitors are directly in it
 */
public record GroupView(UUID id, String name, UUID parentId, String path, long monitors, Instant createdAt) {
}
