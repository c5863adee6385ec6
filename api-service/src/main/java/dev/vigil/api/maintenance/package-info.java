/**
 * Maintenance windows through the API: a workspace schedules periods during which some of its monitors are expected
 * to be down. The scheduler skips their checks, alerting opens no incidents, uptime leaves them out, and status pages
 * announce them (they hear of changes through {@link dev.vigil.api.maintenance.MaintenanceChanged}).
 */
package dev.vigil.api.maintenance;
