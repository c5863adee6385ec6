package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident pages: duration, severity, who acknowledged and when, the timeline with check results and alerts sent,
 * the filters (state, monitor, tag) within the caller's workspace only; and the first-run guide ticking off steps
 * from what the workspace has.
 */
@ApiServiceTest
class DashboardIncidentsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void incidentsShowDurationSeverityAcknowledgerTimelineAndFilter() {
        String email = "incidents-" + UUID.randomUUID() + "@example.com";
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp(email));
        String prod = Tenant.require(api.post("/api/v1/tags", Map.of("name", "prod")), 201).json().get("id")
                .asString();
        UUID shop = monitor(api, "Shop", List.of(prod));
        UUID blog = monitor(api, "Blog", List.of());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(shop).query(UUID.class)
                .single();
        Tenant tenant = new Tenant(workspace, null, api, null, null, null);
        UUID open = tenant.addOpenIncident(jdbc, shop);
        UUID past = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at, cause,
                                               regions)
                        VALUES (?, ?, ?, 'DOWN', 'RESOLVED', now() - interval '2 hours',
                                now() - interval '2 hours' + interval '754 seconds', 'timeout',
                                '{local-a,local-b,local-c}')""")
                .params(past, workspace, blog).update();
        failedCheck(workspace, shop, Instant.now().minusSeconds(120));
        UUID outbox = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event, payload)
                        VALUES (?, ?, ?, ?, 'incident.opened', '{}'::jsonb)""")
                .params(outbox, workspace, shop, open).update();
        jdbc.sql("""
                        INSERT INTO notification_deliveries (id, outbox_id, workspace_id, recipient, incident_id,
                                                             monitor_id, event, status, attempts, next_attempt_at,
                                                             give_up_at, created_at, delivered_at, response_code)
                        VALUES (?, ?, ?, 'oncall@example.com', ?, ?, 'incident.opened', 'DELIVERED', 1, now(),
                                now() + interval '1 day', now() - interval '4 minutes', now() - interval '4 minutes',
                                250)""")
                .params(UUID.randomUUID(), outbox, workspace, open, shop).update();

        browser.get("/app/incidents/" + open);
        assertThat(browser.post("/app/incidents/" + open + "/acknowledge", Map.of()).status()).isEqualTo(302);

        String list = browser.get("/app/incidents").body();
        String openRow = between(list, "data-incident=\"" + open + "\"", "</tr>");
        // Running duration (the browser counts it up from data-duration-from), derived severity, the acknowledger.
        assertThat(openRow).contains("data-duration-from=").doesNotContain("data-duration-to")
                .contains("severity-major").contains(email).contains(">prod<");
        assertThat(list).contains("data-duration-to=").contains("severity-critical");

        String detail = browser.get("/app/incidents/" + open).body();
        assertThat(between(detail, "id=\"incident-acknowledged-by\"", "</dd>")).contains(email);
        // (The fixture's incident has no OPENED event row: the alerting service writes those.)
        assertThat(between(detail, "id=\"timeline\"", "</ol>")).contains("ACKNOWLEDGED")
                .contains("Check failed (local-a)").contains("connection refused")
                .contains("Alert incident.opened DELIVERED").contains("oncall@example.com");

        assertThat(browser.get("/app/incidents?state=unacknowledged").body()).contains("No open incidents.")
                .doesNotContain("id=\"past-title\"");
        assertThat(browser.get("/app/incidents?state=acknowledged").body()).contains("data-incident=\"" + open);
        String byTag = browser.get("/app/incidents?tag=prod").body();
        assertThat(byTag).contains("data-incident=\"" + open).contains("No past incidents.");
        String byMonitor = browser.get("/app/incidents?monitor=" + blog).body();
        assertThat(byMonitor).contains("No open incidents.").contains("/app/incidents/" + past);
        assertThat(browser.getAsHtmx("/app/incidents/open?tag=prod").body()).contains("data-incident=\"" + open);

        // Another workspace filtering by this workspace's monitor sees nothing of it.
        DashboardSession outsider = new DashboardSession(port);
        outsider.signUp("outsider-" + UUID.randomUUID() + "@example.com");
        assertThat(outsider.get("/app/incidents?monitor=" + shop).body()).doesNotContain(open.toString())
                .doesNotContain("Shop");
        assertThat(outsider.get("/app/incidents/" + open).status()).isEqualTo(404);
    }

    @Test
    void theFirstRunGuideTicksOffWhatTheWorkspaceHas() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("guide-" + UUID.randomUUID() + "@example.com"));
        String fresh = browser.get("/app/monitors").body();
        assertThat(fresh).contains("Get started: 0 of 4 done");
        assertThat(between(fresh, "id=\"guide-monitor\"", "</li>")).doesNotContain("done");

        monitor(api, "Shop", List.of());
        String after = browser.get("/app/monitors").body();
        assertThat(after).contains("Get started: 1 of 4 done");
        assertThat(between(after, "id=\"guide-monitor\" class=\"", "\"")).isEqualTo("done");
        assertThat(between(after, "id=\"guide-channel\"", "</li>")).doesNotContain("class=\"done\"");
    }

    private static UUID monitor(ApiClient api, String name, List<String> tags) {
        return UUID.fromString(Tenant.require(api.post("/api/v1/monitors", Map.of("name", name, "type", "HTTP",
                "url", "https://" + name.toLowerCase() + ".example.com/", "tagIds", tags,
                "regions", List.of("local-a", "local-b", "local-c"))), 201).json().get("id")
                .asString());
    }

    private void failedCheck(UUID workspace, UUID monitor, Instant at) {
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, error)
                        VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, false, 30, 'connection refused')""")
                .params(Timestamp.from(at), UUID.randomUUID(), UUID.randomUUID(), monitor, workspace,
                        Timestamp.from(at))
                .update();
    }

    private static String between(String page, String start, String end) {
        int from = page.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        int to = page.indexOf(end, from + start.length());
        return page.substring(from + start.length(), to < 0 ? page.length() : to);
    }
}
