/**
 * The plugins PLUGIN monitors can use ({@code GET /api/v1/plugins}), from the probe fleet registry the alerting
 * service keeps from probe heartbeats.
 */
package dev.vigil.api.plugin;
