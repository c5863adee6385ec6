/**
 * Delivering notifications: the outbox dispatcher fans each {@code notification_outbox} row out into one delivery per
 * channel (noise control decides which are held back), claims due deliveries with {@code FOR UPDATE SKIP LOCKED} so
 * several instances share the work, records each attempt's intent before sending and its outcome after, retries with
 * exponential backoff and jitter, and marks channels that keep failing unhealthy. The channel formats live in
 * {@code notify.sender}, one {@link dev.vigil.alerting.notify.sender.ChannelSender} per channel type.
 */
package dev.vigil.alerting.notify;
