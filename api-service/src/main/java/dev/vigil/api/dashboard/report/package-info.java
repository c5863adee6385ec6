/** Dashboard pages for uptime/SLA reports: choose a monitor or component and a period, print the report. */
package dev.vigil.api.dashboard.report;
