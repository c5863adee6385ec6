/**
 * Vigil watching itself: queue depths (dead-letter queues included), live probes per region and the notification
 * backlog as gauges for Prometheus, and, on the active scheduler only, self-healing of the probe fleet on ECS (scale
 * each region's probe service on its queues, force a new deployment of a region whose probes went quiet).
 */
package dev.vigil.scheduler.fleet;
