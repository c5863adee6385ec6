package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every time the dashboard writes is in the signed-in person's zone, named beside it: a person in Tokyo (UTC+9, no
 * daylight saving, so the expected text is fixed) reads the monitor, result, incident, audit, key, member and
 * maintenance pages in JST, and the same moments in UTC once they clear their zone. Times typed into the forms are
 * read in that zone too.
 */
@ApiServiceTest
class DashboardTimesIT {

    /** Moments the pages must show: fixed to the second, so the expected text is written out, not computed. */
    private static final Instant WINDOW_START = Instant.parse("2030-01-15T01:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2030-01-15T03:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-10T23:30:05Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonInTokyoReadsEveryPageInTheirZoneWithTheZoneNamed() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("tokyo-" + UUID.randomUUID() + "@example.com"));
        UUID monitor = UUID.fromString(Tenant.require(api.post("/api/v1/monitors", Map.of("name", "Checkout",
                "type", "TCP", "host", "example.com", "port", 443)), 201).json().get("id").asString());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor)
                .query(UUID.class).single();
        Tenant.require(api.post("/api/v1/maintenances", Map.of("title", "Patching",
                "startsAt", WINDOW_START.toString(), "endsAt", WINDOW_END.toString(),
                "monitorIds", java.util.List.of(monitor.toString()))), 201);
        // A check within the list's week, to the second, whose Tokyo day differs from its UTC day at most hours.
        Instant checked = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        UUID job = addResult(monitor, workspace, checked);
        UUID incident = addIncident(monitor, workspace, LONG_AGO);
        jdbc.sql("UPDATE audit_events SET occurred_at = ? WHERE workspace_id = ?")
                .params(Timestamp.from(LONG_AGO), workspace).update();
        jdbc.sql("UPDATE api_keys SET created_at = ? WHERE workspace_id = ?")
                .params(Timestamp.from(LONG_AGO), workspace).update();
        jdbc.sql("UPDATE workspace_members SET created_at = ? WHERE workspace_id = ?")
                .params(Timestamp.from(LONG_AGO), workspace).update();
        browser.get("/app/account");
        assertThat(browser.post("/app/account/time-zone", Map.of("timeZone", "Asia/Tokyo")).status()).isEqualTo(302);

        String tokyoCheck = tokyo(checked);
        assertThat(browser.get("/app/monitors").body()).as("list").contains(tokyoCheck + " JST")
                .doesNotContain(utc(checked));
        assertThat(browser.get("/app/monitors/" + monitor).body()).as("detail")
                .contains(tokyoCheck + " JST").contains("2026-01-11 08:30:05 JST").doesNotContain(utc(checked));
        assertThat(browser.get("/app/monitors/" + monitor + "/results/" + job).body()).as("result")
                .contains(tokyoCheck + " JST");
        assertThat(browser.get("/app/incidents/" + incident).body()).as("incident")
                .contains("2026-01-11 08:30:05 JST").doesNotContain("2026-01-10 23:30:05");
        assertThat(browser.get("/app/incidents").body()).as("incidents").contains("2026-01-11 08:30:05 JST");
        assertThat(browser.get("/app/audit").body()).as("audit").contains("2026-01-11 08:30:05 JST")
                .doesNotContain("When (UTC)");
        assertThat(browser.get("/app/api-keys").body()).as("keys").contains("2026-01-11 08:30 JST");
        assertThat(browser.get("/app/members").body()).as("members").contains("Joined (Asia/Tokyo)")
                .contains(">2026-01-11<");
        assertThat(browser.get("/app/maintenance").body()).as("maintenance")
                .contains("2030-01-15 10:00 JST – 2030-01-15 12:00 JST");

        // Back to no zone: the same moments in UTC, still named.
        assertThat(browser.post("/app/account/time-zone", Map.of("timeZone", "")).status()).isEqualTo(302);
        assertThat(browser.get("/app/monitors/" + monitor).body()).contains(utc(checked))
                .contains("2026-01-10 23:30:05 UTC").doesNotContain(" JST");
        assertThat(browser.get("/app/maintenance").body())
                .contains("2030-01-15 01:00 UTC – 2030-01-15 03:00 UTC");
    }

    @Test
    void aPersonInBerlinTypesTimesInTheirZoneAndTheyAreStoredAsInstants() {
        String email = "berlin-" + UUID.randomUUID() + "@example.com";
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp(email));
        String monitor = Tenant.require(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "TCP",
                "host", "example.com", "port", 443)), 201).json().get("id").asString();
        String me = api.get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(email)).findFirst().orElseThrow()
                .get("userId").asString();
        browser.get("/app/account");
        assertThat(browser.post("/app/account/time-zone", Map.of("timeZone", "Europe/Berlin")).status())
                .isEqualTo(302);

        // Maintenance: typed 02:00-04:00 on a summer night in Berlin (CEST, UTC+2); repeats default to the zone.
        String form = browser.get("/app/maintenance").body();
        assertThat(form).contains("Starts (Europe/Berlin)").contains("Ends (Europe/Berlin)")
                .contains("value=\"Europe/Berlin\"").doesNotContain("(UTC)");
        assertThat(browser.postPairs("/app/maintenance", "title", "Patching", "startsAt", "2030-07-02T02:00",
                "endsAt", "2030-07-02T04:00", "monitorIds", monitor, "timeZone", "Europe/Berlin").status())
                .isEqualTo(302);
        var window = api.get("/api/v1/maintenances").json().get("items").get(0);
        assertThat(window.get("startsAt").asString()).isEqualTo("2030-07-02T00:00:00Z");
        assertThat(window.get("endsAt").asString()).isEqualTo("2030-07-02T02:00:00Z");

        // A rotation's first shift in winter (CET, UTC+1), shown back as typed, handing over in Berlin time (the
        // form's default); an override in summer.
        assertThat(browser.get("/app/oncall").body()).contains("First shift starts (Europe/Berlin)")
                .containsPattern("id=\"rotation-zone\"[^>]*value=\"Europe/Berlin\"");
        DashboardSession.Page created = browser.postPairs("/app/oncall", "name", "Primary", "handoff", "WEEKLY",
                "startsAt", "2030-01-14T09:00", "memberIds", me, "timeZone", "Europe/Berlin");
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        String rotation = created.location().substring(created.location().lastIndexOf('/') + 1);
        var stored = api.get("/api/v1/oncall-rotations/" + rotation).json();
        assertThat(stored.get("startsAt").asString()).isEqualTo("2030-01-14T08:00:00Z");
        assertThat(stored.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        DashboardSession.Page badZone = browser.postPairs(created.location(), "name", "Primary", "handoff", "WEEKLY",
                "startsAt", "2030-01-14T09:00", "memberIds", me, "timeZone", "+01:00");
        assertThat(badZone.status()).isEqualTo(422);
        assertThat(badZone.body()).contains("id=\"rotation-zone-error\"");
        assertThat(browser.get(created.location()).body()).contains("value=\"2030-01-14T09:00\"")
                .contains("From (Europe/Berlin)").contains("Until (Europe/Berlin)");
        assertThat(browser.postPairs(created.location() + "/overrides", "memberId", me,
                "startsAt", "2030-07-01T10:00", "endsAt", "2030-07-01T12:00").status()).isEqualTo(302);
        var override = api.get("/api/v1/oncall-rotations/" + rotation + "/overrides").json().get("items").get(0);
        assertThat(override.get("startsAt").asString()).isEqualTo("2030-07-01T08:00:00Z");
        assertThat(override.get("endsAt").asString()).isEqualTo("2030-07-01T10:00:00Z");

        // The audit filter's days are Berlin days: 23:30 UTC on 10 January is 00:30 on the 11th there.
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(UUID.fromString(monitor))
                .query(UUID.class).single();
        jdbc.sql("UPDATE audit_events SET occurred_at = ? WHERE workspace_id = ?")
                .params(Timestamp.from(LONG_AGO), workspace).update();
        assertThat(browser.get("/app/audit").body()).contains("From (day in Europe/Berlin)");
        assertThat(browser.getAsHtmx("/app/audit/rows?from=2026-01-11&to=2026-01-11").body())
                .contains("2026-01-11 00:30:05 CET");
        assertThat(browser.getAsHtmx("/app/audit/rows?from=2026-01-10&to=2026-01-10").body())
                .doesNotContain("2026-01-11 00:30:05 CET");
    }

    private UUID addResult(UUID monitor, UUID workspace, Instant at) {
        UUID job = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, error, message)
                        VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, false, 812, 'TIMEOUT', 'no answer')""")
                .params(Timestamp.from(at), job, UUID.randomUUID(), monitor, workspace, Timestamp.from(at)).update();
        return job;
    }

    private UUID addIncident(UUID monitor, UUID workspace, Instant startedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, 'DOWN', 'OPEN', ?, 'HTTP status 503', '{local-a}')""")
                .params(id, workspace, monitor, Timestamp.from(startedAt)).update();
        return id;
    }

    private static String tokyo(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(at.atZone(java.time.ZoneId.of("Asia/Tokyo")));
    }

    private static String utc(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(at.atZone(java.time.ZoneOffset.UTC)) + " UTC";
    }
}
