/**
 * Subscribers of public status pages, by email or webhook: double opt-in (a confirmation link, mailed or posted to the
 * webhook), chosen components, an unsubscribe link in every message. This package sends nothing itself: it queues
 * outbox rows (confirmations, incident updates, new maintenance) in the transaction of the change, and the alerting
 * service's {@code subscriber} package delivers them with retries. Independent of the workspace's alert channels:
 * subscribers are members of the public, not of the workspace.
 */
package dev.vigil.api.subscription;
