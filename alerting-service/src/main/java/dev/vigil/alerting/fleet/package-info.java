/**
 * The probe fleet registry: probe heartbeats from the {@code probe-heartbeats} queue become one row per live
 * instance (region, capacity, check types) and its offered plugins, which the API lists as
 * {@code GET /api/v1/plugins}. Instances that stop heartbeating expire; long-gone ones are forgotten.
 */
package dev.vigil.alerting.fleet;
