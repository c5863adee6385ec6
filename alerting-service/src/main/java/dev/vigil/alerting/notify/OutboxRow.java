package dev.vigil.alerting.notify;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** One {@code notification_outbox} row being fanned out. */
record OutboxRow(UUID id, UUID workspaceId, UUID monitorId, UUID incidentId, String event, ObjectNode payload,
                 Instant createdAt) {

    Instant occurredAt() {
        String at = payload.path("occurredAt").asString("");
        return at.isEmpty() ? createdAt : Instant.parse(at);
    }
}
