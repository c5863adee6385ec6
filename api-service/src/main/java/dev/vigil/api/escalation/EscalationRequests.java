package dev.vigil.api.escalation;

import java.util.List;
import java.util.UUID;

/** Request bodies of the escalation and on-call endpoints (the dashboard builds the same ones from its forms). */
public final class EscalationRequests {

    private EscalationRequests() {
    }

    /**
     * One level: who to alert, and how long to wait for an acknowledgement before the next level.
     *
     * @param afterMinutes required on every level but the last (1 … 1440)
     */
    public record Level(List<String> channelIds, String rotationId, Integer afterMinutes) {
    }

    /** {@code PUT /api/v1/monitors/{id}/escalation-policy}. */
    public record Policy(List<Level> levels) {
    }

    /**
     * {@code POST /api/v1/oncall-rotations} and {@code PUT /api/v1/oncall-rotations/{id}}: members in turn, from
     * {@code startsAt}, a shift a day or a week.
     *
     * @param memberIds user ids of workspace members; default: the caller
     * @param timeZone  the IANA zone whose local time the hand-overs keep across daylight saving; default: UTC
     */
    public record Rotation(String name, String handoff, String startsAt, List<String> memberIds, String timeZone) {
    }

    /**
     * {@code POST /api/v1/oncall-rotations/{id}/overrides}: {@code memberId} covers {@code [startsAt, endsAt)},
     * replacing whoever is scheduled.
     */
    public record OverrideShift(String memberId, String startsAt, String endsAt, String note) {
    }

    /**
     * {@code PUT /api/v1/oncall-contacts/{userId}}: how a member on call is paged.
     *
     * @param channelIds alert channels of the workspace, of any type (at most 10)
     * @param byEmail    whether their verified email address is paged too; default true
     */
    public record Contact(List<String> channelIds, Boolean byEmail) {
    }

    /** A UUID as given in a request, or null when it is not one (the callers name the field in their problem). */
    static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
