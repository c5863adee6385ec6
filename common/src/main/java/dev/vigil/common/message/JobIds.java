package dev.vigil.common.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic identifiers, so that a job re-sent by a scheduler that failed over, or redelivered by SQS, is
 * recognised as the same job and its result is stored once.
 */
public final class JobIds {

    private JobIds() {
    }

    /** The round: one scheduled instant of one monitor, shared by every region's job for that instant. */
    public static UUID round(UUID monitorId, Instant scheduledAt) {
        return nameBased("round|" + monitorId + "|" + scheduledAt.toEpochMilli());
    }

    /** One region's job within a round. */
    public static UUID job(UUID roundId, String region, JobKind kind) {
        return nameBased("job|" + roundId + "|" + region + "|" + kind);
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
