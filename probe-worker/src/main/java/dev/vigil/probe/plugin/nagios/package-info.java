/**
 * Nagios-compatible plugins: only those of the plugin list, with the options it accepts, looked up by bare name inside
 * the plugin directories, run without a shell as an unprivileged user in an empty directory, under a timeout that
 * kills the whole process tree; output capped, exit codes and performance data read per the Nagios plugin guidelines.
 */
package dev.vigil.probe.plugin.nagios;
