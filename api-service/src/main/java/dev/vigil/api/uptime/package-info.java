/**
 * Uptime and export of a monitor's results. {@link dev.vigil.api.uptime.UptimeHistory} is Vigil's one definition of
 * uptime (from state transitions, less maintenance, from the first evaluation on), read by
 * {@link dev.vigil.api.uptime.UptimeHistories} and used by the API's windows (24 h/7 d/30 d/90 d, with latency
 * percentiles), the dashboard's 90-day bar and the status pages; the raw results stream out as CSV or JSON.
 */
package dev.vigil.api.uptime;
