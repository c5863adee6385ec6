/**
 * The dashboard's monitor pages: the list with live status, sparklines and filters; create and edit forms for every
 * monitor type, judged by the API's own rules; a monitor's page with its chart, phases, 90-day bar, results,
 * incidents, certificate expiry and export.
 */
package dev.vigil.api.dashboard.monitor;
