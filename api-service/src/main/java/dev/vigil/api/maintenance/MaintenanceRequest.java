package dev.vigil.api.maintenance;

import java.util.List;
import java.util.UUID;

/**
 * A window as clients send it. Times are ISO-8601 text ({@code 2026-12-01T02:00:00Z}) read by hand: a number would
 * otherwise be taken as epoch milliseconds, which nobody means. For PATCH, absent (null) fields keep their value
 * ({@code "recurrence": ""} makes a recurring window a one-off one).
 *
 * @param recurrence an RFC 5545 RRULE repeating the window (startsAt to endsAt is the first occurrence); null: once
 * @param timeZone   the IANA zone the occurrences follow (default UTC)
 * @param checks     {@code RUN} (default: checks go on, data is kept, alerts are held back) or {@code PAUSE}
 */
public record MaintenanceRequest(String title, String description, List<UUID> monitorIds, String startsAt,
                                 String endsAt, String recurrence, String timeZone, String checks) {

    /** A one-off window whose checks keep running. */
    public MaintenanceRequest(String title, String description, List<UUID> monitorIds, String startsAt,
                              String endsAt) {
        this(title, description, monitorIds, startsAt, endsAt, null, null, null);
    }

    /** This request's fields over {@code current}'s (PATCH). */
    MaintenanceRequest over(MaintenanceView current) {
        return new MaintenanceRequest(title != null ? title : current.title(),
                description != null ? description : current.description(),
                monitorIds != null ? monitorIds : current.monitorIds(),
                startsAt != null ? startsAt : current.startsAt().toString(),
                endsAt != null ? endsAt : current.endsAt().toString(),
                recurrence != null ? recurrence : current.recurrence(),
                timeZone != null ? timeZone : current.timeZone(),
                checks != null ? checks : current.checks());
    }
}
