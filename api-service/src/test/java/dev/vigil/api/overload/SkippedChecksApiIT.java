package dev.vigil.api.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Overload is visible, never silent: checks the probes skipped (rows the alerting service stores from their reports)
 * show on the monitor ({@code skippedChecks}, {@code lastSkippedAt}), in the list, as a banner on every dashboard page
 * of the workspace (and not of another), and as no data in uptime.
 */
@ApiServiceTest
class SkippedChecksApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private UUID monitor(ApiClient api, String name) {
        return UUID.fromString(api.post("/api/v1/monitors", Map.of("name", name, "type", "HTTP",
                        "url", "https://example.com", "intervalSeconds", 60, "regions", List.of("local-a", "local-b")))
                .json().get("id").asString());
    }

    /** What the alerting service stores from a probe's report: {@code checks} rounds, one a minute, to {@code last}. */
    private void skipped(UUID monitor, String region, Instant last, int checks) {
        skipped(monitor, region, last, checks, "STALE");
    }

    private void skipped(UUID monitor, String region, Instant last, int checks, String reason) {
        jdbc.sql("""
                        INSERT INTO skipped_checks (monitor_id, region, first_at, last_at, checks, interval_seconds,
                                                    workspace_id, reported_at, reason)
                        SELECT id, ?, ?, ?, ?, 60, workspace_id, now(), ? FROM monitors WHERE id = ?""")
                .params(region, Timestamp.from(last.minus(Duration.ofMinutes(checks - 1))), Timestamp.from(last),
                        checks, reason, monitor)
                .update();
    }

    private void upSince(UUID monitor, Instant at) {
        jdbc.sql("UPDATE monitors SET created_at = ? WHERE id = ?").params(Timestamp.from(at), monitor).update();
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        SELECT id, workspace_id, 'PENDING', 'UP', ?, 'test' FROM monitors WHERE id = ?""")
                .params(Timestamp.from(at), monitor).update();
    }

    @Test
    void aMonitorShowsItsSkippedChecksOfTheLastDayAndWhenItLastSkipped() {
        ApiClient api = new ApiClient(port).signUp();
        UUID busy = monitor(api, "Busy");
        UUID calm = monitor(api, "Calm");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        skipped(busy, "local-a", now.minus(Duration.ofMinutes(10)), 30);
        skipped(busy, "local-b", now.minus(Duration.ofMinutes(10)), 5);
        // A run that started 26 h ago and ended 23 h ago: only its rounds within the last 24 h count (60 or 61).
        skipped(busy, "local-a", now.minus(Duration.ofHours(23)), 181);

        JsonNode one = api.get("/api/v1/monitors/" + busy).json();
        assertThat(one.get("skippedChecks").asInt()).isBetween(95, 96);
        assertThat(Instant.parse(one.get("lastSkippedAt").asString())).isEqualTo(now.minus(Duration.ofMinutes(10)));
        JsonNode calmOne = api.get("/api/v1/monitors/" + calm).json();
        assertThat(calmOne.get("skippedChecks").asInt()).isZero();
        assertThat(calmOne.has("lastSkippedAt")).isFalse();

        JsonNode list = api.get("/api/v1/monitors").json().get("items");
        assertThat(list.valueStream().filter(m -> m.get("id").asString().equals(busy.toString())).findFirst()
                .orElseThrow().get("skippedChecks").asInt()).isEqualTo(one.get("skippedChecks").asInt());
    }

    @Test
    void roundsEveryRegionSkippedAreNoDataInUptimeNotAHundredPercent() {
        ApiClient api = new ApiClient(port).signUp();
        UUID skippedEverywhere = monitor(api, "Skipped everywhere");
        UUID skippedInOneRegion = monitor(api, "Skipped in one region");
        Instant now = Instant.now();
        for (UUID id : List.of(skippedEverywhere, skippedInOneRegion)) {
            upSince(id, now.minus(Duration.ofDays(3)));
        }
        // Every round of the last 25 hours dropped: in both regions for one monitor, in one region for the other.
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        skipped(skippedEverywhere, "local-a", last, 25 * 60 + 1);
        skipped(skippedEverywhere, "local-b", last, 25 * 60 + 1);
        skipped(skippedInOneRegion, "local-a", last, 25 * 60 + 1);

        JsonNode day = api.get("/api/v1/monitors/" + skippedEverywhere + "/uptime?window=24h").json();
        assertThat(day.hasNonNull("uptimePercent")).as("no round of the day was checked: no data, " + day)
                .isFalse();
        JsonNode week = api.get("/api/v1/monitors/" + skippedEverywhere + "/uptime?window=7d").json();
        assertThat(week.get("uptimePercent").asDouble()).isEqualTo(100.0);
        assertThat(api.get("/api/v1/monitors/" + skippedInOneRegion + "/uptime?window=24h").json()
                .get("uptimePercent").asDouble()).as("local-b checked every round").isEqualTo(100.0);
    }

    @Test
    void theDashboardOfTheWorkspaceShowsABannerWhileChecksAreSkippedAndOthersDoNot() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("overload-" + UUID.randomUUID() + "@example.com"));
        DashboardSession other = new DashboardSession(port);
        new ApiClient(port).withKey(other.signUp("calm-" + UUID.randomUUID() + "@example.com"));
        UUID busy = monitor(api, "Busy");
        assertThat(browser.get("/app/monitors").body()).doesNotContain("overload-banner");
        // Rounds a probe cannot run at all (a browser check where no probe has a browser) are no data, not overload.
        skipped(busy, "local-c", Instant.now().truncatedTo(ChronoUnit.MINUTES), 5, "UNRUNNABLE");
        assertThat(browser.get("/app/monitors").body()).doesNotContain("overload-banner");

        skipped(busy, "local-a", Instant.now().truncatedTo(ChronoUnit.MINUTES), 12);
        // An old run is not news: it is not in the banner's hour.
        skipped(busy, "local-b", Instant.now().minus(Duration.ofHours(5)), 40);

        String page = browser.get("/app/monitors").body();
        assertThat(page).contains("overload-banner")
                .contains("12 check(s) of 1 monitor(s) in the last 60 minutes could not run in time");
        assertThat(browser.get("/app/incidents").body()).contains("overload-banner");
        assertThat(browser.get("/app/monitors/" + busy).body()).contains("skipped-checks")
                .contains("Checks skipped (24 h)");
        assertThat(other.get("/app/monitors").body()).doesNotContain("overload-banner");
    }
}
