/**
 * Incidents and the notifications they cause: opening (one open incident per monitor, enforced by the database),
 * timeline entries, resolving and reopening, each written with its {@code notification_outbox} row in the caller's
 * transaction. Delivering the outbox to channels is the notification dispatcher's job.
 */
package dev.vigil.alerting.incident;
