package dev.vigil.api.tag;

import java.time.Instant;
import java.util.UUID;

/**
 * A tag as the API answers it.
 *
 * @param monitors how many monitors carry it
 */
public record TagView(UUID id, String name, String color, long monitors, Instant createdAt) {
}
