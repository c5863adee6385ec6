package dev.vigil.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The delivery id of (outbox row, target): a name-based UUID, so whoever fans a row out, however often, derives the
 * same id, and receivers see the same {@code X-Vigil-Delivery} on every retry.
 */
final class DeliveryIds {

    private DeliveryIds() {
    }

    static UUID of(UUID outboxId, Target target) {
        String to = target.channelId() != null ? "channel:" + target.channelId() : "person:" + target.recipient();
        return UUID.nameUUIDFromBytes((outboxId + "|" + to).getBytes(StandardCharsets.UTF_8));
    }
}
