package dev.vigil.api.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alert-channels/{id}/reminders} and {@code /api/v1/workspace/summary-email}. Reads for any role;
 * changes need an ADMIN key (the security chain refuses other methods to viewers), each with its audit entry.
 */
@RestController
@Tag(name = "Alert channels")
class ReminderSettingsController {

    static final int MIN_MINUTES = 5;
    static final int MAX_MINUTES = 1440;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ReminderSettingsController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
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
        // A list, not optional(): a channel without reminders has a NULL here, which optional() would take for no row.
        List<Integer> found = jdbc.sql("""
                        SELECT remind_every_minutes FROM alert_channels WHERE id = ? AND workspace_id = ?""")
                .params(id, caller.workspaceId()).query((rs, n) -> rs.getObject(1, Integer.class)).list();
        if (found.isEmpty()) {
            throw new NotFoundException("alert channel");
        }
        return new Reminders(found.getFirst());
    }

    @PutMapping("/api/v1/alert-channels/{id}/reminders")
    @Transactional
    @Operation(summary = "Repeat an open, unacknowledged incident's alert on this channel every N minutes",
            description = "everyMinutes 5 to 1440, or null to stop. Reminders stop when the incident is acknowledged "
                    + "or resolved; each goes out once (event incident.reminder).")
    Reminders setReminders(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                           @RequestBody Reminders request) {
        Integer minutes = request == null ? null : request.everyMinutes();
        FieldProblems problems = new FieldProblems();
        if (minutes != null && (minutes < MIN_MINUTES || minutes > MAX_MINUTES)) {
            problems.add("everyMinutes", "everyMinutes must be between " + MIN_MINUTES + " and " + MAX_MINUTES
                    + ", or null for no reminders");
        }
        problems.throwIfAny();
        int updated = jdbc.sql("""
                        UPDATE alert_channels SET remind_every_minutes = ? WHERE id = ? AND workspace_id = ?""")
                .params(minutes, id, caller.workspaceId()).update();
        if (updated == 0) {
            throw new NotFoundException("alert channel");
        }
        Map<String, Object> details = new HashMap<>();
        details.put("everyMinutes", minutes);
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.reminders_changed", "ALERT_CHANNEL", id,
                details);
        return new Reminders(minutes);
    }

    @GetMapping("/api/v1/workspace/summary-email")
    @Operation(summary = "Whether the workspace's owners and admins get a daily or weekly summary email")
    SummaryEmail summary(@AuthenticationPrincipal ApiPrincipal caller) {
        String frequency = jdbc.sql("SELECT summary_frequency FROM workspaces WHERE id = ?")
                .param(caller.workspaceId()).query((rs, n) -> rs.getString(1)).optional().orElse(null);
        return new SummaryEmail(frequency == null ? "OFF" : frequency);
    }

    @PutMapping("/api/v1/workspace/summary-email")
    @Transactional
    @Operation(summary = "Opt in to (DAILY, WEEKLY) or out of (OFF) the summary email",
            description = "Sent after midnight UTC (weekly: on Mondays) to the verified owners and admins: open "
                    + "incidents, each monitor's uptime over the period, the slowest monitors.")
    SummaryEmail setSummary(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody SummaryEmail request) {
        String frequency = request == null || request.frequency() == null ? null
                : request.frequency().strip().toUpperCase(Locale.ROOT);
        FieldProblems problems = new FieldProblems();
        if (frequency == null || !(frequency.equals("DAILY") || frequency.equals("WEEKLY")
                || frequency.equals("OFF"))) {
            problems.add("frequency", "frequency must be DAILY, WEEKLY or OFF");
        }
        problems.throwIfAny();
        jdbc.sql("UPDATE workspaces SET summary_frequency = ? WHERE id = ?")
                .params(frequency.equals("OFF") ? null : frequency, caller.workspaceId()).update();
        audit.record(caller.workspaceId(), Actor.of(caller), "workspace.summary_email_changed", "WORKSPACE",
                caller.workspaceId(), Map.of("frequency", frequency));
        return new SummaryEmail(frequency);
    }
}
