/**
 * Status pages: a workspace's public page of its components (bound to monitors), their current status and 90-day
 * uptime, incidents with the updates authors post, and scheduled maintenance. Managed through
 * {@code /api/v1/status-pages}; served without a key at {@code /status/{slug}} (HTML, summary.json, Atom, SVG badges)
 * or at a custom domain, from an in-memory cache with ETags, so a page under a traffic spike costs no query per visit.
 */
package dev.vigil.api.statuspage;
