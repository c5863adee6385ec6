package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A channel's reminder interval and the workspace's summary email in the dashboard (issue 19): set through the forms
 * they reach the API and the audit log, a bad value is shown under its field (422) and changes nothing, another
 * workspace's channel is not found, and a viewer sees both settings but changes neither.
 */
@ApiServiceTest
class DashboardRemindersIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String newChannel(ApiClient api, String name) {
        return Tenant.require(api.post("/api/v1/alert-channels", Map.of("name", name, "type", "NTFY",
                "config", Map.of("topicUrl", "https://93.184.215.14/vigil-" + UUID.randomUUID()))), 201)
                .json().get("id").asString();
    }

    private int audits(String action, UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE workspace_id = ? AND action = ?")
                .params(workspaceId, action).query(Integer.class).single();
    }

    @Test
    void remindersAndTheSummaryEmailAreSetThroughTheFormsAndBadValuesChangeNothing() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("reminders-" + UUID.randomUUID() + "@example.com"));
        UUID workspaceId = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        String channel = newChannel(api, "Phone");

        String page = browser.get("/app/channels/" + channel).body();
        assertThat(page).contains("id=\"reminders-form\"").contains("<label for=\"everyMinutes\">")
                .contains("id=\"reminder-status\">Off");

        DashboardSession.Page saved = browser.post("/app/channels/" + channel + "/reminders",
                Map.of("everyMinutes", "30"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(302);
        assertThat(api.get("/api/v1/alert-channels/" + channel + "/reminders").json().get("everyMinutes").asInt())
                .isEqualTo(30);
        assertThat(browser.get("/app/channels/" + channel).body())
                .containsPattern("id=\"everyMinutes\"[^>]*value=\"30\"").contains("Every 30 minutes");
        assertThat(audits("alert_channel.reminders_changed", workspaceId)).isEqualTo(1);

        for (String bad : new String[] {"2", "half an hour", "5000"}) {
            DashboardSession.Page refused = browser.post("/app/channels/" + channel + "/reminders",
                    Map.of("everyMinutes", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.body()).as(bad).contains("id=\"everyMinutes-error\"")
                    .containsPattern("id=\"everyMinutes\"[^>]*aria-invalid=\"true\"")
                    .contains("value=\"" + bad + "\"");
        }
        assertThat(api.get("/api/v1/alert-channels/" + channel + "/reminders").json().get("everyMinutes").asInt())
                .isEqualTo(30);
        assertThat(audits("alert_channel.reminders_changed", workspaceId)).isEqualTo(1);

        // Blank turns reminders off.
        assertThat(browser.post("/app/channels/" + channel + "/reminders", Map.of("everyMinutes", "")).status())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/alert-channels/" + channel + "/reminders").json().has("everyMinutes")).isFalse();

        String account = browser.get("/app/account").body();
        assertThat(account).contains("id=\"summary-email\"").contains("<label for=\"summary-frequency\">")
                .contains("<option value=\"OFF\" selected=\"selected\">Never</option>");
        assertThat(browser.post("/app/account/summary-email", Map.of("frequency", "WEEKLY")).status())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/workspace/summary-email").json().get("frequency").asString())
                .isEqualTo("WEEKLY");
        assertThat(browser.get("/app/account").body())
                .contains("<option value=\"WEEKLY\" selected=\"selected\">Weekly</option>")
                .contains("Weekly, on Mondays");
        DashboardSession.Page refused = browser.post("/app/account/summary-email", Map.of("frequency", "HOURLY"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"frequency-error\"").contains("frequency must be DAILY, WEEKLY or OFF");
        assertThat(api.get("/api/v1/workspace/summary-email").json().get("frequency").asString())
                .isEqualTo("WEEKLY");
        assertThat(audits("workspace.summary_email_changed", workspaceId)).isEqualTo(1);

        // Another workspace's channel: not found, and left as it was.
        ApiClient other = new ApiClient(port).withKey(
                new DashboardSession(port).signUp("other-" + UUID.randomUUID() + "@example.com"));
        String theirs = newChannel(other, "Theirs");
        assertThat(browser.get("/app/channels/" + theirs).status()).isEqualTo(404);
        assertThat(browser.post("/app/channels/" + theirs + "/reminders", Map.of("everyMinutes", "30")).status())
                .isEqualTo(404);
        assertThat(browser.post("/app/channels/" + theirs + "/reminders", Map.of("everyMinutes", "x")).status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/alert-channels/" + theirs + "/reminders").json().has("everyMinutes")).isFalse();
    }

    @Test
    void aViewerSeesTheSettingsButChangesNeither() {
        Tenant tenant = Tenant.create(port);
        String channel = newChannel(tenant.owner(), "Pager");
        Tenant.require(tenant.owner().put("/api/v1/alert-channels/" + channel + "/reminders",
                Map.of("everyMinutes", 15)), 200);
        Tenant.require(tenant.owner().put("/api/v1/workspace/summary-email", Map.of("frequency", "DAILY")), 200);
        String viewerEmail = "viewer-" + UUID.randomUUID() + "@example.com";
        DashboardSession viewer = new DashboardSession(port);
        viewer.signUp(viewerEmail);
        tenant.owner().post("/api/v1/members", Map.of("email", viewerEmail, "role", "VIEWER"));
        viewer.acceptInvitation(viewerEmail);
        viewer.get("/app/monitors");
        viewer.post("/app/workspace", Map.of("workspaceId", tenant.workspaceId().toString()));

        DashboardSession.Page page = viewer.get("/app/channels/" + channel);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Every 15 minutes").doesNotContain("id=\"reminders-form\"");
        String account = viewer.get("/app/account").body();
        assertThat(account).contains("id=\"summary-status\">Daily").doesNotContain("id=\"summary-frequency\"");

        assertThat(viewer.post("/app/channels/" + channel + "/reminders", Map.of("everyMinutes", "60")).status())
                .isEqualTo(403);
        assertThat(viewer.post("/app/channels/" + channel + "/reminders", Map.of("everyMinutes", "bad")).status())
                .isEqualTo(403);
        assertThat(viewer.post("/app/account/summary-email", Map.of("frequency", "OFF")).status()).isEqualTo(403);
        assertThat(tenant.owner().get("/api/v1/alert-channels/" + channel + "/reminders").json()
                .get("everyMinutes").asInt()).isEqualTo(15);
        assertThat(tenant.owner().get("/api/v1/workspace/summary-email").json().get("frequency").asString())
                .isEqualTo("DAILY");
    }
}
