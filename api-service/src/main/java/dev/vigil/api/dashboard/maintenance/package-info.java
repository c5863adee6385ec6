/**
 * The dashboard's maintenance windows page, on the V7_0 tables: list (active, upcoming, past), schedule a window for
 * some of the workspace's monitors, delete one. The public maintenance API is issue 9's; once it is merged this page
 * should call its service instead of {@link dev.vigil.api.dashboard.maintenance.MaintenanceSchedule}.
 */
package dev.vigil.api.dashboard.maintenance;
