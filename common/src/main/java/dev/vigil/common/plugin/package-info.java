/**
 * Which Nagios-compatible plugins tenants may run, and with which arguments: the list both the api (when a monitor is
 * saved) and the probes (before a plugin is started) check a PLUGIN monitor against. Each plugin names the options it
 * accepts and the kind of value each takes; nothing else passes (no positional arguments, no option that reads,
 * writes or follows: those are simply not listed). Built-in defaults, replaceable per deployment
 * ({@code vigil.plugins.*}).
 */
package dev.vigil.common.plugin;
