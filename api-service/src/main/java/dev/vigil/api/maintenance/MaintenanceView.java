package dev.vigil.api.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A window as the API answers it.
 *
 * @param status {@code scheduled} (not started), {@code in_progress} or {@code completed}, at the time of the answer
 */
public record MaintenanceView(UUID id, String title, String description, List<UUID> monitorIds, Instant startsAt,
                              Instant endsAt, String status, Instant createdAt) {

    static String statusAt(Instant startsAt, Instant endsAt, Instant now) {
        return now.isBefore(startsAt) ? "scheduled" : now.isBefore(endsAt) ? "in_progress" : "completed";
    }
}
