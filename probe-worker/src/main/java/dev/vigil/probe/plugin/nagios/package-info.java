/**
 * Nagios-compatible plugins: bare names resolved only inside allow-listed directories, run without a shell under a
 * timeout that kills the whole process tree, output capped, exit codes and performance data read per the Nagios
 * plugin guidelines.
 */
package dev.vigil.probe.plugin.nagios;
