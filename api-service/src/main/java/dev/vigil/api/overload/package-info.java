/**
 * Overload made visible: checks the probes skipped (jobs dropped as stale when probes cannot keep up, reported by
 * them and stored by the alerting service in {@code skipped_checks}), per monitor for the API's {@code skippedChecks}
 * and {@code lastSkippedAt} and per workspace for the dashboard's banner. Uptime counts the same rounds as no data
 * ({@code uptime.UptimeHistory}).
 */
package dev.vigil.api.overload;
