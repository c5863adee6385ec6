/**
 * Monitors through the public API: create, read, list, and the mapping between API.md's flat JSON and the wire
 * {@link dev.vigil.common.check.CheckSpec} stored with each monitor. Every query is scoped by the caller's workspace.
 */
package dev.vigil.api.monitor;
