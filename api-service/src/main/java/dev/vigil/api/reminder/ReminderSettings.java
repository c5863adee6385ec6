package dev.vigil.api.reminder;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validates, stores and audits a channel's reminder interval and the workspace's summary email, for the API and the
 * dashboard alike. Every query is bound to the caller's workspace: another workspace's channel is not found.
 */
@Service
public class ReminderSettings {

    public static final int MIN_MINUTES = 5;
    public static final int MAX_MINUTES = 1440;
    public static final List<String> FREQUENCIES = List.of("OFF", "DAILY", "WEEKLY");

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ReminderSettings(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The channel's reminder interval in minutes, or null for none. */
    public Integer reminders(ApiPrincipal caller, UUID channelId) {
        // A list, not optional(): a channel without reminders has a NULL here, which optional() would take for no row.
        List<Integer> found = jdbc.sql("""
                        SELECT remind_every_minutes FROM alert_channels WHERE id = ? AND workspace_id = ?""")
                .params(channelId, caller.workspaceId()).query((rs, n) -> rs.getObject(1, Integer.class)).list();
        if (found.isEmpty()) {
            throw new NotFoundException("alert channel");
        }
        return found.getFirst();
    }

    /** Sets the interval (null: no reminders); a value out of range is a field problem and changes nothing. */
    @Transactional
    public Integer setReminders(ApiPrincipal caller, UUID channelId, Integer minutes) {
        FieldProblems problems = new FieldProblems();
        if (minutes != null && (minutes < MIN_MINUTES || minutes > MAX_MINUTES)) {
            problems.add("everyMinutes", "everyMinutes must be between " + MIN_MINUTES + " and " + MAX_MINUTES
                    + ", or null for no reminders");
        }
        problems.throwIfAny();
        int updated = jdbc.sql("""
                        UPDATE alert_channels SET remind_every_minutes = ? WHERE id = ? AND workspace_id = ?""")
                .params(minutes, channelId, caller.workspaceId()).update();
        if (updated == 0) {
            throw new NotFoundException("alert channel");
        }
        Map<String, Object> details = new HashMap<>();
        details.put("everyMinutes", minutes);
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.reminders_changed", "ALERT_CHANNEL",
                channelId, details);
        return minutes;
    }

    /** DAILY, WEEKLY or OFF. */
    public String summaryFrequency(ApiPrincipal caller) {
        String frequency = jdbc.sql("SELECT summary_frequency FROM workspaces WHERE id = ?")
                .param(caller.workspaceId()).query((rs, n) -> rs.getString(1)).optional().orElse(null);
        return frequency == null ? "OFF" : frequency;
    }

    /** Sets the summary email's frequency (any case); anything but DAILY, WEEKLY or OFF changes nothing. */
    @Transactional
    public String setSummaryFrequency(ApiPrincipal caller, String requested) {
        String frequency = requested == null ? null : requested.strip().toUpperCase(Locale.ROOT);
        FieldProblems problems = new FieldProblems();
        if (frequency == null || !FREQUENCIES.contains(frequency)) {
            problems.add("frequency", "frequency must be DAILY, WEEKLY or OFF");
        }
        problems.throwIfAny();
        jdbc.sql("UPDATE workspaces SET summary_frequency = ? WHERE id = ?")
                .params(frequency.equals("OFF") ? null : frequency, caller.workspaceId()).update();
        audit.record(caller.workspaceId(), Actor.of(caller), "workspace.summary_email_changed", "WORKSPACE",
                caller.workspaceId(), Map.of("frequency", frequency));
        return frequency;
    }
}
