/**
 * PLUGIN checks and what this worker offers: Java plugins ({@code spi}) and Nagios-compatible executables
 * ({@code nagios}), and the catalogue heartbeats announce to the fleet.
 */
package dev.vigil.probe.plugin;
