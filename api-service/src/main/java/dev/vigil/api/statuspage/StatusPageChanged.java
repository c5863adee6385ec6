package dev.vigil.api.statuspage;

import java.util.UUID;

/** A page's settings, or something it shows (an incident update), changed: its cached renderings are stale. */
record StatusPageChanged(UUID workspaceId) {
}
