/**
 * What status page subscribers hear: the subscriber fan-out of the notification outbox (incident opened, updated and
 * resolved after a short delay, so a blip that recovers in seconds sends nothing; maintenance announced, started and
 * ended; subscription confirmations), one delivery per (outbox row, subscriber), sent by email or as a signed
 * webhook with retries. Maintenance starts and ends become outbox rows here ({@link MaintenanceNotices}).
 */
package dev.vigil.alerting.subscriber;
