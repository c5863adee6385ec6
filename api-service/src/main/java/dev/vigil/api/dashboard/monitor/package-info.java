/**
 * The dashboard's monitor pages: the list with an overview of the workspace (monitors by status, open incidents,
 * average uptime, probes alive), tag chips, group folders, combined filters, a beat bar of the last 50 checks per row,
 * relative times and bulk actions on the checked monitors or all matching; create and edit forms for every monitor
 * type (with its tags and group), judged by the API's own rules; a monitor's page with its chart, phases, 90-day bar,
 * results, incidents, certificate expiry and export.
 */
package dev.vigil.api.dashboard.monitor;
