/**
 * Maintenance window recurrence: the one definition of when a recurring window's occurrences are, shared by the
 * services that read {@code maintenance_windows} (alerting, scheduler, api).
 */
package dev.vigil.common.maintenance;
