package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's time zone on their account page: stored on their user (so it holds in every workspace), announced to
 * the page's script on every dashboard page ({@code <meta name="time-zone">}), refused when not a known zone, and
 * cleared back to the browser's zone.
 */
@ApiServiceTest
class ProfileTimeZoneIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChosenZoneIsStoredAndEveryPageTellsItToTheScript() {
        DashboardSession browser = new DashboardSession(port);
        String email = "zone-" + UUID.randomUUID() + "@example.com";
        browser.signUp(email);

        DashboardSession.Page account = browser.get("/app/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("<option value=\"\" selected=\"selected\">Your browser's time zone")
                .contains(">Europe/Berlin</option>").doesNotContain("name=\"time-zone\"");

        DashboardSession.Page saved = browser.post("/app/account/time-zone", Map.of("timeZone", "Europe/Berlin"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(302);
        assertThat(saved.location()).isEqualTo("/app/account");
        assertThat(zoneOf(email)).isEqualTo("Europe/Berlin");
        assertThat(browser.get("/app/account").body()).contains("Times now show in Europe/Berlin.")
                .contains("<option value=\"Europe/Berlin\" selected=\"selected\">");
        for (String page : new String[] {"/app/monitors", "/app/incidents", "/app/channels"}) {
            assertThat(browser.get(page).body()).as(page)
                    .contains("<meta name=\"time-zone\" content=\"Europe/Berlin\">");
        }

        DashboardSession.Page cleared = browser.post("/app/account/time-zone", Map.of("timeZone", ""));
        assertThat(cleared.status()).isEqualTo(302);
        assertThat(zoneOf(email)).isNull();
        assertThat(browser.get("/app/monitors").body()).doesNotContain("name=\"time-zone\"");
    }

    @Test
    void anUnknownZoneIsRefusedAndChangesNothing() {
        DashboardSession browser = new DashboardSession(port);
        String email = "badzone-" + UUID.randomUUID() + "@example.com";
        browser.signUp(email);
        browser.get("/app/account");
        assertThat(browser.post("/app/account/time-zone", Map.of("timeZone", "Asia/Tokyo")).status())
                .isEqualTo(302);

        for (String bad : new String[] {"Mars/Olympus_Mons", "GMT+5\"><script>alert(1)</script>", "x".repeat(500),
                "SystemV/EST5", "../../etc/passwd"}) {
            browser.get("/app/account");
            DashboardSession.Page refused = browser.post("/app/account/time-zone", Map.of("timeZone", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.body()).contains("Choose a time zone from the list").doesNotContain("<script>alert");
        }
        assertThat(zoneOf(email)).isEqualTo("Asia/Tokyo");
    }

    @Test
    void withoutTheCsrfTokenNothingIsSaved() {
        DashboardSession browser = new DashboardSession(port);
        String email = "csrfzone-" + UUID.randomUUID() + "@example.com";
        browser.signUp(email);

        DashboardSession.Page forged = browser.postRaw("/app/account/time-zone", Map.of("timeZone", "Asia/Tokyo"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(zoneOf(email)).isNull();
    }

    private String zoneOf(String email) {
        return jdbc.sql("SELECT time_zone FROM users WHERE lower(email) = lower(?)").param(email)
                .query((rs, row) -> rs.getString(1)).list().getFirst();
    }
}
