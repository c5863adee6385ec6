package dev.vigil.api.maintenance;

import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A window as the API answers it.
 *
 * @param status          {@code scheduled} (no occurrence running), {@code in_progress} or {@code completed} (the
 *                        last occurrence is over), at the time of the answer
 * @param recurrence      its RRULE, or null for a one-off window (startsAt and endsAt are then the window; for a
 *                        recurring one they are its first occurrence)
 * @param nextOccurrences the running and next occurrences, at most five (a one-off window: itself until it ends)
 */
public record MaintenanceView(UUID id, String title, String description, List<UUID> monitorIds, Instant startsAt,
                              Instant endsAt, String status, Instant createdAt, String recurrence, String timeZone,
                              String checks, List<MaintenanceRecurrence.Occurrence> nextOccurrences) {

    static final int NEXT_OCCURRENCES = 5;

    static String statusAt(Instant startsAt, Instant endsAt, Instant now) {
        return now.isBefore(startsAt) ? "scheduled" : now.isBefore(endsAt) ? "in_progress" : "completed";
    }

    /** The status and next occurrences of a window at {@code now}. */
    record Timing(String status, List<MaintenanceRecurrence.Occurrence> next) {

        static Timing of(Instant startsAt, Instant endsAt, String rule, String zone, Instant now) {
            if (rule == null) {
                return new Timing(statusAt(startsAt, endsAt, now), now.isBefore(endsAt)
                        ? List.of(new MaintenanceRecurrence.Occurrence(startsAt, endsAt)) : List.of());
            }
            List<MaintenanceRecurrence.Occurrence> next = MaintenanceRecurrence.of(rule, zone, startsAt,
                    Duration.between(startsAt, endsAt)).upcoming(now, NEXT_OCCURRENCES);
            String status = next.isEmpty() ? "completed" : next.getFirst().covers(now) ? "in_progress" : "scheduled";
            return new Timing(status, next);
        }
    }
}
