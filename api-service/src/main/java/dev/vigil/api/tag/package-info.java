/**
 * Tags: a name and a colour a workspace puts on its monitors, to find and act on them together (the monitor list and
 * bulk actions filter by tag). {@link dev.vigil.api.tag.Tags} keeps a workspace's tags (unique names regardless of
 * case, at most {@value dev.vigil.api.tag.Tags#MAX_PER_WORKSPACE}), each change audited; which monitors carry a tag is
 * the monitor feature's business ({@code monitor_tags}).
 */
package dev.vigil.api.tag;
