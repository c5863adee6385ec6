package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Uptime reports for last month on PostgreSQL: an hour down counts, an hour down inside a maintenance window does
 * not, the incident is listed with its duration, and the CSV defuses a hostile title; component reports add the
 * declared incidents that affected the component.
 */
@ApiServiceTest
class SlaReportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void lastMonthsUptimeExcludesMaintenanceAndListsIncidentsWithDurations() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        UUID monitor = UUID.fromString(owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Shop")).json()
                .get("id").asString());
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        jdbc.sql("UPDATE monitors SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(start.minus(Duration.ofDays(40))), monitor).update();
        transition(tenant, monitor, start.minus(Duration.ofDays(1)), "UP");
        Instant down = start.plus(Duration.ofDays(1));
        transition(tenant, monitor, down, "DOWN");
        transition(tenant, monitor, down.plus(Duration.ofHours(1)), "UP");
        Instant maintained = start.plus(Duration.ofDays(2));
        transition(tenant, monitor, maintained, "DOWN");
        transition(tenant, monitor, maintained.plus(Duration.ofHours(1)), "UP");
        UUID window = UUID.randomUUID();
        jdbc.sql("INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at) VALUES (?, ?, 'Up', ?, ?)")
                .params(window, tenant.workspaceId(), Timestamp.from(maintained),
                        Timestamp.from(maintained.plus(Duration.ofHours(1)))).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                .params(window, monitor).update();
        UUID incident = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at,
                                               cause, title)
                        VALUES (?, ?, ?, 'DOWN', 'RESOLVED', ?, ?, 'HTTP 503', '=HYPERLINK("http://evil.example")')""")
                .params(incident, tenant.workspaceId(), monitor, Timestamp.from(down),
                        Timestamp.from(down.plus(Duration.ofHours(1)))).update();

        String path = "/api/v1/reports/uptime?monitorId=" + monitor + "&period=" + month;
        JsonNode report = Tenant.require(tenant.viewer().get(path), 200).json();
        long period = Duration.between(start, end).toSeconds();
        assertThat(report.get("downtimeSeconds").asLong()).isEqualTo(3600);
        assertThat(report.get("monitoredSeconds").asLong()).isEqualTo(period - 3600);
        assertThat(report.get("uptimePercent").asDouble())
                .isCloseTo(100.0 * (1 - 3600.0 / (period - 3600)), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(report.get("incidents").size()).isEqualTo(1);
        assertThat(report.get("incidents").get(0).get("durationSeconds").asLong()).isEqualTo(3600);

        ApiClient.Response csv = owner.get(path + "&format=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK")
                .contains(incident.toString()).contains(",3600\r\n");
        ApiClient.Response html = owner.get(path + "&format=html");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("Uptime report: Shop").contains("=HYPERLINK(&quot;http://evil.example&quot;)");

        // A quarter reaches the same month; bad input and other workspaces answer as the API does.
        int quarter = (month.getMonthValue() - 1) / 3 + 1;
        assertThat(owner.get("/api/v1/reports/uptime?monitorId=" + monitor + "&period=" + month.getYear() + "-Q"
                + quarter).json().get("incidents").size()).isEqualTo(1);
        assertThat(owner.get("/api/v1/reports/uptime?monitorId=" + monitor + "&period=2026-13").errorFields())
                .containsExactly("period");
        assertThat(owner.get("/api/v1/reports/uptime?period=" + month).errorFields()).containsExactly("monitorId");
        assertThat(owner.get(path + "&format=pdf").errorFields()).containsExactly("format");
        assertThat(new ApiClient(port).signUp().get(path).status()).isEqualTo(404);
    }

    /**
     * A weekly window whose first occurrence was weeks before the month: each of its occurrences in the month is
     * maintenance (neither uptime nor downtime), not only the first one its row holds.
     */
    @Test
    void everyOccurrenceOfARecurringWindowIsExcluded() {
        Tenant tenant = Tenant.create(port);
        UUID monitor = UUID.fromString(tenant.owner().post("/api/v1/monitors", ApiEndpoints.httpMonitor("Db"))
                .json().get("id").asString());
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        jdbc.sql("UPDATE monitors SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(start.minus(Duration.ofDays(60))), monitor).update();
        transition(tenant, monitor, start.minus(Duration.ofDays(50)), "UP");
        Instant first = start.minus(Duration.ofDays(35)).plus(Duration.ofHours(2));
        UUID window = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at, recurrence,
                                                         time_zone)
                        VALUES (?, ?, 'Weekly backup', ?, ?, 'FREQ=WEEKLY', 'UTC')""")
                .params(window, tenant.workspaceId(), Timestamp.from(first),
                        Timestamp.from(first.plus(Duration.ofHours(1)))).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                .params(window, monitor).update();
        // Down during every occurrence in the month (the backup stops the database), up otherwise.
        int occurrences = 0;
        for (Instant at = first; at.isBefore(end); at = at.plus(Duration.ofDays(7))) {
            if (!at.isBefore(start)) {
                occurrences++;
                transition(tenant, monitor, at, "DOWN");
                transition(tenant, monitor, at.plus(Duration.ofHours(1)), "UP");
            }
        }

        JsonNode report = Tenant.require(tenant.owner().get("/api/v1/reports/uptime?monitorId=" + monitor
                + "&period=" + month), 200).json();
        assertThat(occurrences).isGreaterThanOrEqualTo(4);
        assertThat(report.get("downtimeSeconds").asLong()).isZero();
        assertThat(report.get("monitoredSeconds").asLong())
                .isEqualTo(Duration.between(start, end).toSeconds() - occurrences * 3600L);
        assertThat(report.get("uptimePercent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void aComponentsReportListsTheDeclaredIncidentsThatAffectedIt() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String monitor = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("Shop")).json().get("id")
                .asString();
        String component = Tenant.require(owner.post("/api/v1/status-pages", Map.of("slug",
                "sla-" + UUID.randomUUID().toString().substring(0, 8), "title", "Shop", "components",
                List.of(Map.of("name", "Checkout", "monitorId", monitor)))), 201).json().get("components").get(0)
                .get("id").asString();
        String declared = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Payment provider down",
                "severity", "major", "message", "Payments fail.", "components",
                List.of(Map.of("componentId", component, "impact", "major_outage")))), 201).json().get("id")
                .asString();
        Tenant.require(owner.post("/api/v1/incidents/" + declared + "/updates", Map.of("status", "resolved",
                "message", "Back.")), 201);
        JsonNode report = Tenant.require(owner.get("/api/v1/reports/uptime?componentId=" + component + "&period="
                + YearMonth.now(ZoneOffset.UTC)), 200).json();
        assertThat(report.get("subjectType").asString()).isEqualTo("component");
        assertThat(report.get("subjectName").asString()).isEqualTo("Checkout");
        assertThat(report.get("incidents").valueStream().map(i -> i.get("title").asString()).toList())
                .containsExactly("Payment provider down");
        assertThat(new ApiClient(port).signUp().get("/api/v1/reports/uptime?componentId=" + component
                + "&period=" + YearMonth.now(ZoneOffset.UTC)).status()).isEqualTo(404);
    }

    private void transition(Tenant tenant, UUID monitor, Instant at, String to) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        VALUES (?, ?, 'PENDING', ?, ?, 'test')""")
                .params(monitor, tenant.workspaceId(), to, Timestamp.from(at)).update();
    }
}
