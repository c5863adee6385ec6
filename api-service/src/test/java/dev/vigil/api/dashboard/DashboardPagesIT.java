package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.TestMail;
import dev.vigil.api.support.Tenant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's forms do what the API does: every monitor type created and edited, pause/resume/delete, members
 * invited (token shown once) and re-roled, keys revoked, maintenance windows scheduled and deleted.
 */
@ApiServiceTest
class DashboardPagesIT {

    @LocalServerPort
    int port;

    @Test
    void createsAndEditsEveryProbedTypeAndHeartbeatsThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("types-" + UUID.randomUUID() + "@example.com"));
        List<Map<String, String>> forms = List.of(
                Map.of("type", "HTTP", "url", "https://example.com/health", "method", "POST",
                        "headers", "X-Token: abc\nAccept: application/json", "body", "{}",
                        "assertions", "STATUS_CODE EQUALS 200\nJSON_PATH $.status EQUALS up",
                        "_followRedirects", "on", "regions", "local-a", "confirmations", "0"),
                Map.of("type", "TCP", "host", "example.com", "port", "22"),
                Map.of("type", "DNS", "host", "example.com", "recordType", "MX",
                        "assertions", "DNS_ANSWER CONTAINS mail"),
                Map.of("type", "TLS", "host", "example.com", "minDaysValid", "21"),
                Map.of("type", "HEARTBEAT", "periodSeconds", "3600", "graceSeconds", "120"));
        for (Map<String, String> fields : forms) {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("name", "Form " + fields.get("type"));
            form.put("intervalSeconds", "HEARTBEAT".equals(fields.get("type")) ? "" : "120");
            browser.get("/app/monitors/new");
            DashboardSession.Page created = browser.post("/app/monitors", form);
            assertThat(created.status()).as(fields.get("type") + ": " + created).isEqualTo(302);
            String id = created.location().substring("/app/monitors/".length());
            JsonNode monitor = api.get("/api/v1/monitors/" + id).json();
            assertThat(monitor.get("type").asString()).isEqualTo(fields.get("type"));
            assertThat(monitor.get("name").asString()).isEqualTo("Form " + fields.get("type"));

            DashboardSession.Page edit = browser.get("/app/monitors/" + id + "/edit");
            assertThat(edit.status()).isEqualTo(200);
            form.put("name", "Edited " + fields.get("type"));
            assertThat(browser.post("/app/monitors/" + id, form).status()).isEqualTo(302);
            assertThat(api.get("/api/v1/monitors/" + id).json().get("name").asString())
                    .isEqualTo("Edited " + fields.get("type"));
            assertThat(browser.get("/app/monitors/" + id).status()).isEqualTo(200);
        }
        JsonNode http = api.get("/api/v1/monitors").json().get("items").valueStream()
                .filter(m -> m.get("type").asString().equals("HTTP")).findFirst().orElseThrow();
        assertThat(http.get("method").asString()).isEqualTo("POST");
        assertThat(http.get("headers").get("X-Token").asString()).isEqualTo("abc");
        assertThat(http.get("assertions").size()).isEqualTo(2);
        assertThat(http.get("assertions").get(1).get("path").asString()).isEqualTo("$.status");
        assertThat(http.get("followRedirects").asBoolean()).isFalse();
        assertThat(http.get("regions").size()).isEqualTo(1);

        DashboardSession.Page list = browser.get("/app/monitors/rows?status=PENDING");
        assertThat(list.body()).contains("Edited TCP").contains("Edited HEARTBEAT");
        assertThat(browser.get("/app/monitors/rows?q=Edited%20DNS").body()).contains("Edited DNS")
                .doesNotContain("Edited TCP");
        assertThat(browser.get("/app/monitors/rows?status=DOWN").body()).contains("No monitor matches");
    }

    @Test
    void pausesResumesAndDeletesAfterConfirmation() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("pause-" + UUID.randomUUID() + "@example.com"));
        String id = api.post("/api/v1/monitors", Map.of("name", "Pausable", "type", "TCP", "host", "example.com",
                "port", 443)).json().get("id").asString();

        browser.get("/app/monitors/" + id);
        assertThat(browser.post("/app/monitors/" + id + "/pause", Map.of()).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors/" + id).json().get("status").asString()).isEqualTo("PAUSED");
        assertThat(browser.get("/app/monitors/rows?status=PAUSED").body()).contains("Pausable");
        browser.get("/app/monitors/" + id);
        browser.post("/app/monitors/" + id + "/resume", Map.of());
        assertThat(api.get("/api/v1/monitors/" + id).json().get("paused").asBoolean()).isFalse();

        assertThat(browser.post("/app/monitors/" + id + "/test", Map.of("region", "nowhere")).status())
                .isEqualTo(400);
        String heartbeat = api.post("/api/v1/monitors", Map.of("name", "Beat", "type", "HEARTBEAT",
                "periodSeconds", 3600)).json().get("id").asString();
        browser.get("/app/monitors/" + heartbeat);
        assertThat(browser.post("/app/monitors/" + heartbeat + "/test", Map.of("region", "local-a")).status())
                .isEqualTo(409);

        browser.get("/app/monitors/" + id);
        assertThat(browser.get("/app/monitors/" + id + "/delete").body()).contains("Delete monitor");
        assertThat(browser.post("/app/monitors/" + id + "/delete", Map.of()).location()).isEqualTo("/app/monitors");
        assertThat(api.get("/api/v1/monitors/" + id).status()).isEqualTo(404);
    }

    @Test
    void invitesChangesRolesAndRemovesMembersAndRevokesKeys() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("team-" + UUID.randomUUID() + "@example.com"));
        String invitee = "invitee-" + UUID.randomUUID() + "@example.com";

        browser.get("/app/members");
        DashboardSession.Page invited = browser.post("/app/members", Map.of("email", invitee, "role", "ADMIN"));
        String shown = browser.get(invited.location()).body();
        assertThat(shown).contains("Invitation mailed to " + invitee).contains(invitee)
                .doesNotContain(TestMail.token(invitee, "/invitation"));
        assertThat(browser.post("/app/members", Map.of("email", "not an email", "role", "ADMIN")).body())
                .contains("id=\"invite-email-error\"");

        JsonNode member = api.get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(invitee)).findFirst().orElseThrow();
        String userId = member.get("userId").asString();
        browser.post("/app/members/" + userId + "/role", Map.of("role", "VIEWER"));
        assertThat(api.get("/api/v1/members/" + userId).json().get("role").asString()).isEqualTo("VIEWER");
        browser.get("/app/members");
        browser.post("/app/members/" + userId + "/remove", Map.of());
        assertThat(api.get("/api/v1/members/" + userId).status()).isEqualTo(404);

        browser.get("/app/api-keys");
        browser.post("/app/api-keys", Map.of("name", "Temporary", "role", "VIEWER"));
        JsonNode key = api.get("/api/v1/api-keys").json().get("items").valueStream()
                .filter(k -> k.get("name").asString().equals("Temporary")).findFirst().orElseThrow();
        browser.get("/app/api-keys");
        browser.post("/app/api-keys/" + key.get("id").asString() + "/revoke", Map.of());
        assertThat(api.get("/api/v1/api-keys/" + key.get("id").asString()).status()).isEqualTo(404);
        assertThat(browser.post("/app/api-keys", Map.of("name", "")).body()).contains("id=\"key-name-error\"");
    }

    @Test
    void schedulesAndDeletesMaintenanceWindowsForItsOwnMonitorsOnly() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("mw-" + UUID.randomUUID() + "@example.com"));
        String mine = api.post("/api/v1/monitors", Map.of("name", "Mine", "type", "TCP", "host", "example.com",
                "port", 443)).json().get("id").asString();
        Tenant other = Tenant.create(port);
        String theirs = other.owner().post("/api/v1/monitors", Map.of("name", "Theirs", "type", "TCP",
                "host", "example.com", "port", 443)).json().get("id").asString();
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MINUTES);

        browser.get("/app/maintenance");
        DashboardSession.Page refused = browser.post("/app/maintenance", Map.of("title", "Sneaky",
                "startsAt", start.toString(), "endsAt", start.plusHours(1).toString(), "monitorIds", theirs));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("monitors of this workspace");
        DashboardSession.Page backwards = browser.post("/app/maintenance", Map.of("title", "Backwards",
                "startsAt", start.toString(), "endsAt", start.minusHours(1).toString(), "monitorIds", mine));
        assertThat(backwards.body()).contains("endsAt must be after startsAt");

        DashboardSession.Page scheduled = browser.post("/app/maintenance", Map.of("title", "Database upgrade",
                "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(), "monitorIds", mine));
        assertThat(scheduled.status()).isEqualTo(302);
        String page = browser.get("/app/maintenance").body();
        assertThat(page).contains("Database upgrade").contains("UPCOMING").contains("Mine")
                .doesNotContain("Sneaky");
        var matcher = java.util.regex.Pattern.compile("/app/maintenance/([0-9a-f-]{36})/delete").matcher(page);
        assertThat(matcher.find()).isTrue();
        String windowId = matcher.group(1);

        DashboardSession outsider = new DashboardSession(port);
        outsider.signUp("mw-outsider-" + UUID.randomUUID() + "@example.com");
        outsider.get("/app/maintenance");
        assertThat(outsider.post("/app/maintenance/" + windowId + "/delete", Map.of()).status()).isEqualTo(404);
        assertThat(outsider.get("/app/maintenance").body()).doesNotContain("Database upgrade");

        browser.post("/app/maintenance/" + windowId + "/delete", Map.of());
        assertThat(browser.get("/app/maintenance").body()).doesNotContain("Database upgrade");
    }

    /**
     * Links are written as they are, not passed through the static resources (ResourceUrlEncodingFilter is off: it
     * looked every link up on the class path), and the scripts the pages load are still served.
     */
    @Test
    void linksAreWrittenAsTheyAreAndTheScriptsTheyNameAreServed() {
        DashboardSession browser = new DashboardSession(port);
        browser.signUp("links-" + UUID.randomUUID() + "@example.com");
        String page = browser.get("/app/monitors").body();
        assertThat(page).contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"")
                .contains("href=\"/dashboard/app.css\"").contains("href=\"/app/monitors/new\"");
        for (String asset : List.of("/webjars/htmx.org/dist/htmx.min.js", "/dashboard/app.js", "/dashboard/app.css")) {
            DashboardSession.Page served = browser.get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(served.body()).as(asset).isNotBlank();
        }
    }
}
