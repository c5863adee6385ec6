package dev.vigil.api.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One entry of {@code GET /api/v1/audit-log}. */
public record AuditEventView(UUID id, Instant occurredAt, ActorView actor, String action, String resourceType,
                             UUID resourceId, JsonNode summary) {

    /** Who: the person and key ids (null where none) and a label taken at the time. */
    public record ActorView(UUID userId, UUID apiKeyId, String label) {
    }
}
