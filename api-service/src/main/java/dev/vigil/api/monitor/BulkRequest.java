package dev.vigil.api.monitor;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * One action on many monitors: those named by {@code monitorIds}, or every monitor {@code filter} matches (exactly
 * one of the two), with the fields its action needs and no others.
 */
@Schema(description = "One action on many monitors, in one transaction with one audit entry")
public record BulkRequest(
        @Schema(description = "pause, resume, delete, add_tags, remove_tags, link_channel, unlink_channel or "
                + "move_to_group", example = "pause") String action,
        @Schema(description = "The monitors, by id (at most 10000); or give filter") List<UUID> monitorIds,
        @Schema(description = "Every monitor matching it, as GET /api/v1/monitors filters; {} is all of them")
        MonitorFilter filter,
        @Schema(description = "add_tags, remove_tags: the tags") List<UUID> tagIds,
        @Schema(description = "link_channel, unlink_channel: the alert channel") UUID channelId,
        @Schema(description = "move_to_group: the group; absent or null takes them out of their groups")
        UUID groupId) {
}
