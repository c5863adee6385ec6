package dev.vigil.alerting.subscriber;

import tools.jackson.databind.node.ObjectNode;

/**
 * One subscriber message, in both forms.
 *
 * @param event          the public event name (docs/api.md): {@code incident.opened}, {@code incident.updated}, ...
 * @param subject        the mail subject, without the page prefix
 * @param text           the mail body, without the footer
 * @param body           the webhook body (without the delivery id)
 * @param unsubscribeUrl the link that ends this subscription
 */
record SubscriberMessage(String event, String subject, String text, ObjectNode body, String unsubscribeUrl) {
}
