/**
 * Heartbeat pings: the public {@code /ping/{token}} endpoints cron jobs and workers call. The token is the secret;
 * pings are stored for the alerting service, which decides when a heartbeat monitor is overdue or failed.
 */
package dev.vigil.api.heartbeat;
