package dev.vigil.api.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reminder intervals and the summary email setting: validated, role-checked, scoped to the workspace, audited. */
@ApiServiceTest
class ReminderSettingsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChannelsReminderIntervalIsSetReadAndClearedByAdminsOfItsWorkspaceOnly() {
        Tenant tenant = Tenant.create(port);
        UUID channel = tenant.addAlertChannel(jdbc, "On-call chat");
        String path = "/api/v1/alert-channels/" + channel + "/reminders";

        ApiClient.Response none = tenant.viewer().get(path);
        assertThat(none.status()).as("%s", none).isEqualTo(200);
        assertThat(none.json().has("everyMinutes")).isFalse();
        assertThat(tenant.owner().put(path, Map.of("everyMinutes", 30)).status()).isEqualTo(200);
        assertThat(tenant.viewer().get(path).json().get("everyMinutes").asInt()).isEqualTo(30);
        ApiClient.Response tooOften = tenant.owner().put(path, Map.of("everyMinutes", 2));
        assertThat(tooOften.status()).isEqualTo(400);
        assertThat(tooOften.errorFields()).containsExactly("everyMinutes");
        assertThat(tenant.viewer().put(path, Map.of("everyMinutes", 60)).status()).isEqualTo(403);
        ApiClient outsider = new ApiClient(port).signUp();
        assertThat(outsider.put(path, Map.of("everyMinutes", 60)).status()).isEqualTo(404);
        assertThat(outsider.get(path).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT remind_every_minutes FROM alert_channels WHERE id = ?").param(channel)
                .query(Integer.class).single()).isEqualTo(30);

        Map<String, Object> off = new HashMap<>();
        off.put("everyMinutes", null);
        assertThat(tenant.owner().put(path, off).status()).isEqualTo(200);
        // Absent means none, as everywhere in the API (a 200, not the 404 an unknown channel gets).
        ApiClient.Response cleared = tenant.owner().get(path);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("everyMinutes")).isFalse();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_events WHERE workspace_id = ?
                          AND action = 'alert_channel.reminders_changed'""")
                .param(tenant.workspaceId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void theSummaryEmailIsOptInAndValidated() {
        Tenant tenant = Tenant.create(port);
        String path = "/api/v1/workspace/summary-email";

        assertThat(tenant.owner().get(path).json().get("frequency").asString()).isEqualTo("OFF");
        assertThat(tenant.owner().put(path, Map.of("frequency", "weekly")).json().get("frequency").asString())
                .isEqualTo("WEEKLY");
        ApiClient.Response hourly = tenant.owner().put(path, Map.of("frequency", "HOURLY"));
        assertThat(hourly.errorFields()).containsExactly("frequency");
        assertThat(tenant.viewer().put(path, Map.of("frequency", "OFF")).status()).isEqualTo(403);

        assertThat(tenant.viewer().get(path).json().get("frequency").asString()).isEqualTo("WEEKLY");
        assertThat(jdbc.sql("SELECT summary_frequency FROM workspaces WHERE id = ?").param(tenant.workspaceId())
                .query(String.class).single()).isEqualTo("WEEKLY");
        tenant.owner().put(path, Map.of("frequency", "OFF"));
        assertThat(jdbc.sql("SELECT summary_frequency IS NULL FROM workspaces WHERE id = ?")
                .param(tenant.workspaceId()).query(Boolean.class).single()).isTrue();
    }
}
