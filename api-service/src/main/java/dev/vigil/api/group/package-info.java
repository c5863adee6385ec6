/**
 * Monitor groups: folders for a workspace's monitors, nested once (a group's parent is a top-level group), so a list
 * of hundreds reads as "EU / Checkout". {@link dev.vigil.api.group.MonitorGroups} keeps the rules (sibling names unique
 * regardless of case, at most {@value dev.vigil.api.group.MonitorGroups#MAX_PER_WORKSPACE} per workspace, a group
 * with subgroups cannot be deleted or nested), each change audited. Which group a monitor is in is the monitor's
 * {@code groupId}.
 */
package dev.vigil.api.group;
