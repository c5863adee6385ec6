package dev.vigil.alerting.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery claimed for one attempt, with what sending it needs.
 *
 * @param channelType   EMAIL, WEBHOOK, ...; EMAIL for a delivery to one person
 * @param configSealed  the channel's sealed configuration; null for a person (see recipient) or a channel without one
 */
record ClaimedDelivery(UUID id, UUID workspaceId, UUID channelId, String recipient, int attempt, Instant giveUpAt,
                       String event, String payload, String channelType, String channelName, String configSealed) {
}
