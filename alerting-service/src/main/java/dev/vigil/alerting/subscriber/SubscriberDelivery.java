package dev.vigil.alerting.subscriber;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscriber delivery claimed for one attempt, with what sending it needs.
 *
 * @param kind         EMAIL or WEBHOOK
 * @param secretSealed a webhook subscriber's sealed signing secret
 * @param monitorId    the monitor the outbox row is about, when it is about one (for the component's public name)
 */
record SubscriberDelivery(UUID id, UUID subscriberId, int attempt, Instant giveUpAt, String event, String payload,
                          String kind, String email, String webhookUrl, String secretSealed,
                          String unsubscribeToken, UUID pageId, String slug, String pageTitle, String language,
                          UUID monitorId) {
}
