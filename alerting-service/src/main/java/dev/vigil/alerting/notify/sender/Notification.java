package dev.vigil.alerting.notify.sender;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One notification as senders get it.
 *
 * @param deliveryId stable across retries: receivers dedupe by it
 * @param event      {@code incident.opened}, {@code incident.acknowledged}, {@code incident.resolved}, ...
 * @param payload    the outbox payload (the webhook body of docs/api.md, without the delivery id)
 * @param message    the same for people: title, facts, link
 * @param channelId  the channel delivered to; null for a person (on-call email)
 */
public record Notification(UUID deliveryId, String event, ObjectNode payload, AlertMessage message, UUID channelId) {

    public Notification(UUID deliveryId, String event, ObjectNode payload, AlertMessage message) {
        this(deliveryId, event, payload, message, null);
    }

    /** The incident id, when the event is about one. */
    public String incidentId() {
        return payload.has("incident") ? payload.get("incident").get("id").asString() : null;
    }
}
