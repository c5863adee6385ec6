/** The worker's place in the fleet: periodic heartbeats with its region, capacity and offered plugins. */
package dev.vigil.probe.fleet;
