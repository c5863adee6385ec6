package dev.vigil.api.maintenance;

import java.util.List;
import java.util.UUID;

/**
 * A window as clients send it. Times are ISO-8601 text ({@code 2026-12-01T02:00:00Z}) read by hand: a number would
 * otherwise be taken as epoch milliseconds, which nobody means. For PATCH, absent (null) fields keep their value.
 */
public record MaintenanceRequest(String title, String description, List<UUID> monitorIds, String startsAt, String endsAt) {

    /** This request's fields over {@code current}'s (PATCH). */
    MaintenanceRequest over(MaintenanceView current) {
        return new MaintenanceRequest(title != null ? title : current.title(),
                description != null ? description : current.description(),
                monitorIds != null ? monitorIds : current.monitorIds(),
                startsAt != null ? startsAt : current.startsAt().toString(),
                endsAt != null ? endsAt : current.endsAt().toString());
    }
}
