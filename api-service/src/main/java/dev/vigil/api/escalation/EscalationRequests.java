package dev.vigil.api.escalation;

import java.util.List;
import java.util.UUID;

/** Request bodies of the escalation and on-call endpoints. */
final class EscalationRequests {

    private EscalationRequests() {
    }

    /**
     * One level: who to alert, and how long to wait for an acknowledgement before the next level.
     *
     * @param afterMinutes required on every level but the last (1 … 1440)
     */
    record Level(List<String> channelIds, String rotationId, Integer afterMinutes) {
    }

    /** {@code PUT /api/v1/monitors/{id}/escalation-policy}. */
    record Policy(List<Level> levels) {
    }

    /**
     * {@code POST /api/v1/oncall-rotations}: members in turn, from {@code startsAt}, a shift a day or a week.
     *
     * @param memberIds user ids of workspace members; default: the caller
     */
    record Rotation(String name, String handoff, String startsAt, List<String> memberIds) {
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
