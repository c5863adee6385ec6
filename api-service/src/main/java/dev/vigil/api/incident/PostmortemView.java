package dev.vigil.api.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A postmortem: the Markdown as written, the sanitised HTML status pages show, and when it was published (null
 * while a draft).
 */
public record PostmortemView(UUID incidentId, String body, String html, boolean published, Instant publishedAt,
                             Instant updatedAt, String author) {
}
