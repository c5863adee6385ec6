package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One monitor history (a first evaluation 40 days ago, an outage, an outage partly inside two overlapping maintenance
 * windows, a flapping day, a day wholly in maintenance) fed to every consumer of uptime: the API's windows, the
 * dashboard's 90-day bar and a public status page. They must agree with each other and with the numbers worked out
 * by hand below. The service runs on a fixed clock, so "now" is the same instant for all of them.
 */
@ApiServiceTest
@Import(UptimeConsistencyIT.FixedClock.class)
class UptimeConsistencyIT {

    static final Instant NOW = Instant.parse("2030-03-15T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2030, 3, 15);
    private static final Pattern DASHBOARD_DAY = Pattern.compile(
            "title=\"(\\d{4}-\\d\\d-\\d\\d): (no data|(\\d+\\.\\d\\d) %)\"");
    private static final Pattern STATUS_PAGE_DAY = Pattern.compile(
            "title=\"(\\d{4}-\\d\\d-\\d\\d): (no data|(\\d+\\.\\d\\d)% uptime)");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UptimeCalculator calculator;

    @Test
    void theApiTheDashboardAndStatusPagesShowTheSameUptime() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("uptime-" + UUID.randomUUID() + "@example.com"));
        UUID monitor = UUID.fromString(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://example.com", "regions", List.of("local-a", "local-b"))).json().get("id")
                .asString());
        jdbc.sql("UPDATE monitors SET created_at = ? WHERE id = ?").params(ts(day(-60)), monitor).update();
        // 1. First evaluated 40 days ago: the days before have no data.
        transition(monitor, "UP", day(-40));
        // 2. An outage of 3 hours.
        transition(monitor, "DOWN", day(-30).plus(Duration.ofHours(8)));
        transition(monitor, "UP", day(-30).plus(Duration.ofHours(11)));
        // 3. Down 11:00-13:00 under maintenance 10:00-12:00 and 11:30-12:30: 30 minutes count, 2.5 hours are not
        //    monitored.
        maintenance(monitor, day(-20).plus(Duration.ofHours(10)), day(-20).plus(Duration.ofHours(12)));
        maintenance(monitor, day(-20).plus(Duration.ofMinutes(690)), day(-20).plus(Duration.ofMinutes(750)));
        transition(monitor, "DOWN", day(-20).plus(Duration.ofHours(11)));
        transition(monitor, "UP", day(-20).plus(Duration.ofHours(13)));
        // 4. A flapping day: six outages of 5 minutes.
        for (int i = 0; i < 6; i++) {
            transition(monitor, "DOWN", day(-10).plus(Duration.ofMinutes(360 + 10L * i)));
            transition(monitor, "UP", day(-10).plus(Duration.ofMinutes(365 + 10L * i)));
        }
        // 5. A day wholly in maintenance: no data.
        maintenance(monitor, day(-5), day(-4));
        // Incidents (counted per window, not part of the percentages): the first outage's, one on the flapping day,
        // and one opened 2 hours ago and still open.
        incident(monitor, day(-30).plus(Duration.ofHours(8)), day(-30).plus(Duration.ofHours(11)));
        incident(monitor, day(-10).plus(Duration.ofHours(6)), day(-10).plus(Duration.ofHours(7)));
        incident(monitor, NOW.minus(Duration.ofHours(2)), null);
        String slug = "uptime-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop",
                "components", List.of(Map.of("name", "Shop", "monitorId", monitor.toString())))).status())
                .isEqualTo(201);

        // By hand: monitored 40.5 days less 26.5 hours of maintenance = 945.5 h, down 3 h + 0.5 h + 0.5 h.
        double ninetyDays = round(100 * (1 - 4.0 / 945.5));
        // The last 30 days start after the first outage: 720 h less 26.5 h, down 1 h.
        double thirtyDays = round(100 * (1 - 1.0 / 693.5));
        Map<LocalDate, String> expectedDays = new TreeMap<>();
        for (int d = -89; d <= 0; d++) {
            expectedDays.put(TODAY.plusDays(d), d < -40 || d == -5 ? null : "100.00");
        }
        expectedDays.put(TODAY.plusDays(-30), "87.50");
        expectedDays.put(TODAY.plusDays(-20), format(100 * (1 - 0.5 / 21.5)));
        expectedDays.put(TODAY.plusDays(-10), format(100 * (1 - 0.5 / 24)));

        Map<String, Double> apiUptime = new TreeMap<>();
        for (String window : List.of("24h", "7d", "30d", "90d")) {
            apiUptime.put(window, api.get("/api/v1/monitors/" + monitor + "/uptime?window=" + window).json()
                    .get("uptimePercent").asDouble());
        }
        long apiDowntime = api.get("/api/v1/monitors/" + monitor + "/uptime?window=90d").json()
                .get("downtimeSeconds").asLong();
        Map<LocalDate, String> dashboardDays = days(DASHBOARD_DAY, browser.get("/app/monitors/" + monitor).body());
        ApiClient publicPage = new ApiClient(port).anonymous();
        Map<LocalDate, String> statusPageDays = days(STATUS_PAGE_DAY, publicPage.get("/status/" + slug).body());
        double statusPageTotal = publicPage.get("/status/" + slug + "/summary.json").json().get("components").get(0)
                .get("uptime90d").asDouble();

        assertThat(apiUptime).isEqualTo(Map.of("24h", 100.0, "7d", 100.0, "30d", thirtyDays, "90d", ninetyDays));
        assertThat(apiDowntime).isEqualTo(4 * 3600);
        assertThat(statusPageTotal).isEqualTo(ninetyDays);
        assertThat(dashboardDays).isEqualTo(expectedDays);
        // The overview's means read the longest window once and see the shorter ones from later starts.
        Map<UptimeWindow, Map<UUID, Double>> together = calculator.percents(Map.of(monitor, day(-60)),
                List.of(UptimeWindow.H24, UptimeWindow.D7, UptimeWindow.D30, UptimeWindow.D90), NOW);
        assertThat(together.get(UptimeWindow.H24).get(monitor)).isEqualTo(apiUptime.get("24h"));
        assertThat(together.get(UptimeWindow.D7).get(monitor)).isEqualTo(apiUptime.get("7d"));
        assertThat(together.get(UptimeWindow.D30).get(monitor)).isEqualTo(thirtyDays);
        assertThat(together.get(UptimeWindow.D90).get(monitor)).isEqualTo(ninetyDays);
        assertThat(statusPageDays).isEqualTo(expectedDays);
        // A monitor's page reads its three windows from one history and one incident count: the same as the API's
        // one window at a time.
        List<Uptime> windows = calculator.uptimes(monitor, day(-60),
                List.of(UptimeWindow.H24, UptimeWindow.D7, UptimeWindow.D30, UptimeWindow.D90), NOW);
        assertThat(windows).extracting(Uptime::incidents).containsExactly(1L, 1L, 2L, 3L);
        for (Uptime one : windows) {
            assertThat(one).isEqualTo(calculator.uptime(monitor, day(-60), UptimeWindow.of(one.window()), NOW));
            assertThat(one.uptimePercent()).isEqualTo(apiUptime.get(one.window()));
        }
    }

    private void incident(UUID monitor, Instant started, Instant resolved) {
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at, cause,
                                               regions)
                        SELECT ?, workspace_id, id, 'DOWN', ?, ?, ?, 'HTTP status 503', '{local-a,local-b}'
                        FROM monitors WHERE id = ?""")
                .params(UUID.randomUUID(), resolved == null ? "OPEN" : "RESOLVED", ts(started),
                        resolved == null ? null : ts(resolved), monitor)
                .update();
    }

    private static Instant day(int offset) {
        return TODAY.plusDays(offset).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static double round(double percent) {
        return Math.round(percent * 10_000) / 10_000.0;
    }

    private static String format(double percent) {
        return String.format(Locale.ROOT, "%.2f", percent);
    }

    /** Each day's bar as shown: the percent with two decimals, or null for "no data". */
    private static Map<LocalDate, String> days(Pattern pattern, String html) {
        Map<LocalDate, String> days = new TreeMap<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            days.put(LocalDate.parse(m.group(1)), m.group(3));
        }
        return days;
    }

    private void transition(UUID monitor, String to, Instant at) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        SELECT id, workspace_id, 'PENDING', ?, ?, 'test' FROM monitors WHERE id = ?""")
                .params(to, ts(at), monitor).update();
    }

    private void maintenance(UUID monitor, Instant from, Instant to) {
        UUID window = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at)
                        SELECT ?, workspace_id, 'Upgrade', ?, ? FROM monitors WHERE id = ?""")
                .params(window, ts(from), ts(to), monitor).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                .params(window, monitor).update();
    }
}
