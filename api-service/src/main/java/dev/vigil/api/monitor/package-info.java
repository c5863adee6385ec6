/**
 * Monitors through the public API: create, read, list, replace, delete, pause and resume every type (HTTP, TCP, DNS,
 * TLS, HEARTBEAT, PLUGIN), with their alert channel links and heartbeat ping URLs. {@code MonitorDefinitions} maps
 * the flat JSON of docs/api.md to the wire {@link dev.vigil.common.check.CheckSpec} stored with each monitor and
 * validates every field ({@code HttpCheckRules}, {@code CheckRules}, {@code AssertionRules}, {@code HostRules});
 * {@code MonitorEditor} makes each change in one transaction with its audit entry. Every query is scoped by the
 * caller's workspace. Which plugins a region offers is asked through {@link dev.vigil.api.monitor.PluginCatalog}.
 */
package dev.vigil.api.monitor;
