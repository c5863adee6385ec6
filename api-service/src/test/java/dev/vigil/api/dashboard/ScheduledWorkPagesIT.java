package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's forms and pages for cron heartbeats (schedule, zone, run limit; the ping table with its log) and
 * recurring maintenance windows.
 */
@ApiServiceTest
class ScheduledWorkPagesIT {

    @LocalServerPort
    int port;

    @Test
    void aCronHeartbeatIsMadeThroughTheFormAndItsPingsAreListedEscaped() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("cron-" + UUID.randomUUID() + "@example.com"));
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "Nightly backup", "type", "HEARTBEAT",
                "schedule", "0 3 * * *", "timeZone", "Europe/Berlin", "graceSeconds", "600",
                "maxRunSeconds", "3600", "intervalSeconds", ""));
        browser.get("/app/monitors/new");

        DashboardSession.Page bad = browser.post("/app/monitors", Map.of("name", "Bad", "type", "HEARTBEAT",
                "schedule", "every night", "intervalSeconds", ""));
        DashboardSession.Page created = browser.post("/app/monitors", form);

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"schedule-error\"").contains("5-field cron");
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        String id = created.location().substring("/app/monitors/".length());
        JsonNode monitor = api.get("/api/v1/monitors/" + id).json();
        assertThat(monitor.get("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(browser.get("/app/monitors/" + id + "/edit").body()).contains("value=\"Europe/Berlin\"")
                .contains("value=\"0 3 * * *\"");

        String ping = monitor.get("pingUrl").asString();
        String token = ping.substring(ping.lastIndexOf('/') + 1);
        ApiClient job = new ApiClient(port);
        job.get("/ping/" + token + "/start");
        job.send("POST", "/ping/" + token + "/2", "text/plain", "<script>alert(1)</script>\n" + "x".repeat(300));

        String page = browser.get("/app/monitors/" + id).body();
        assertThat(page).contains("id=\"ping-history\"").contains("FAIL").contains("START")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        var link = java.util.regex.Pattern.compile("/app/monitors/" + id + "/pings/(\\d+)/log").matcher(page);
        assertThat(link.find()).isTrue();
        DashboardSession.Page log = browser.get(link.group());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).startsWith("<script>alert(1)</script>").hasSize(26 + 300);

        DashboardSession outsider = new DashboardSession(port);
        outsider.signUp("cron-outsider-" + UUID.randomUUID() + "@example.com");
        assertThat(outsider.get(link.group()).status()).isEqualTo(404);
    }

    @Test
    void aWeeklyMaintenanceWindowIsScheduledThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("mw-rec-" + UUID.randomUUID() + "@example.com"));
        String mine = api.post("/api/v1/monitors", Map.of("name", "Mine", "type", "TCP", "host", "example.com",
                "port", 443)).json().get("id").asString();
        browser.get("/app/maintenance");

        DashboardSession.Page bad = browser.post("/app/maintenance", Map.of("title", "Hourly",
                "startsAt", "2026-03-03T01:00", "endsAt", "2026-03-03T03:00", "monitorIds", mine,
                "recurrence", "FREQ=HOURLY", "timeZone", "Europe/Berlin", "checks", "RUN"));
        DashboardSession.Page scheduled = browser.post("/app/maintenance", Map.of("title", "Weekly patching",
                "startsAt", "2026-03-03T01:00", "endsAt", "2026-03-03T03:00", "monitorIds", mine,
                "recurrence", "FREQ=WEEKLY;BYDAY=TU", "timeZone", "Europe/Berlin", "checks", "PAUSE"));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"mw-recurrence-error\"").contains("DAILY, WEEKLY or MONTHLY");
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(302);
        String page = browser.get("/app/maintenance").body();
        assertThat(page).contains("Weekly patching").contains("repeats FREQ=WEEKLY;BYDAY=TU (Europe/Berlin), next ")
                .contains("checks paused");
        JsonNode window = api.get("/api/v1/maintenances").json().get("items").get(0);
        assertThat(window.get("checks").asString()).isEqualTo("PAUSE");
        assertThat(window.get("nextOccurrences").size()).isEqualTo(5);
    }
}
