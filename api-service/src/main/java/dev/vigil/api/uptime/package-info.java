/**
 * Uptime and export of a monitor's results: uptime over 24 h/7 d/30 d/90 d from its downtime intervals (excluding
 * maintenance) with latency percentiles, and the raw results streamed as CSV or JSON.
 */
package dev.vigil.api.uptime;
