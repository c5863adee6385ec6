package dev.vigil.api.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alert-channels/{id}/reminders} and {@code /api/v1/workspace/summary-email}. Reads for any role;
 * changes need an ADMIN key (the security chain refuses other methods to viewers); {@link ReminderSettings} checks,
 * stores and audits them.
 */
@RestController
@Tag(name = "Alert channels")
class ReminderSettingsController {

    private final ReminderSettings settings;

    ReminderSettingsController(ReminderSettings settings) {
        this.settings = settings;
    }

    /** {@code everyMinutes}: null (or absent) for no reminders; answered absent then. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reminders(Integer everyMinutes) {
    }

    /** {@code frequency}: DAILY, WEEKLY or OFF. */
    record SummaryEmail(String frequency) {
    }

    @GetMapping("/api/v1/alert-channels/{id}/reminders")
    @Operation(summary = "How often the channel repeats an open, unacknowledged incident's alert (null: never)")
    Reminders reminders(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return new Reminders(settings.reminders(caller, id));
    }

    @PutMapping("/api/v1/alert-channels/{id}/reminders")
    @Operation(summary = "Repeat an open, unacknowledged incident's alert on this channel every N minutes",
            description = "everyMinutes 5 to 1440, or null to stop. Reminders stop when the incident is acknowledged "
                    + "or resolved; each goes out once (event incident.reminder).")
    Reminders setReminders(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                           @RequestBody Reminders request) {
        return new Reminders(settings.setReminders(caller, id, request == null ? null : request.everyMinutes()));
    }

    @GetMapping("/api/v1/workspace/summary-email")
    @Operation(summary = "Whether the workspace's owners and admins get a daily or weekly summary email")
    SummaryEmail summary(@AuthenticationPrincipal ApiPrincipal caller) {
        return new SummaryEmail(settings.summaryFrequency(caller));
    }

    @PutMapping("/api/v1/workspace/summary-email")
    @Operation(summary = "Opt in to (DAILY, WEEKLY) or out of (OFF) the summary email",
            description = "Sent after midnight UTC (weekly: on Mondays) to the verified owners and admins: open "
                    + "incidents, each monitor's uptime over the period, the slowest monitors.")
    SummaryEmail setSummary(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody SummaryEmail request) {
        return new SummaryEmail(settings.setSummaryFrequency(caller, request == null ? null : request.frequency()));
    }
}
