package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The on-call, escalation, audit and probe pages over HTTP: forms create what the API would (problems shown under
 * their fields, 422), another workspace's rotation is not found, and a viewer reads every page but every change is
 * refused with nothing changed.
 */
@ApiServiceTest
class DashboardOnCallIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String userId(ApiClient api, String email) {
        return api.get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(email)).findFirst().orElseThrow()
                .get("userId").asString();
    }

    @Test
    void theFormsMakeRotationsOverridesContactsAndPoliciesAndTheLogShowsThem() {
        String email = "oncall-" + UUID.randomUUID() + "@example.com";
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp(email));
        String me = userId(api, email);
        String monitor = Tenant.require(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://example.com/health")), 201).json().get("id").asString();
        String channel = Tenant.require(api.post("/api/v1/alert-channels", Map.of("name", "Phone", "type", "NTFY",
                "config", Map.of("topicUrl", "https://93.184.215.14/vigil-" + UUID.randomUUID()))), 201)
                .json().get("id").asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        browser.get("/app/oncall");
        DashboardSession.Page created = browser.postPairs("/app/oncall", "name", "Primary", "handoff", "WEEKLY",
                "startsAt", local(now.minus(Duration.ofHours(1))), "memberIds", me);
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        String rotationPage = created.location();
        assertThat(browser.get(rotationPage).body()).contains("id=\"on-call-now\"").contains(email)
                .contains("none: nobody else is ever on call");

        DashboardSession.Page refused = browser.postPairs(rotationPage + "/overrides", "memberId", me,
                "startsAt", local(now), "endsAt", local(now.minus(Duration.ofHours(1))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"override-ends-error\"").contains("endsAt must be after startsAt");
        assertThat(browser.postPairs(rotationPage + "/overrides", "memberId", me, "startsAt", local(now),
                "endsAt", local(now.plus(Duration.ofHours(3))), "note", "swap").status()).isEqualTo(302);
        assertThat(browser.get(rotationPage).body()).contains("(override)").contains("swap");

        browser.get("/app/oncall/contacts/" + me);
        assertThat(browser.postPairs("/app/oncall/contacts/" + me).status()).as("no channel and no email")
                .isEqualTo(422);
        assertThat(browser.postPairs("/app/oncall/contacts/" + me, "channelIds", channel).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/oncall-contacts/" + me).json().get("byEmail").asBoolean()).isFalse();

        browser.get("/app/escalation/" + monitor);
        DashboardSession.Page badPolicy = browser.postPairs("/app/escalation/" + monitor, "level0.channelIds",
                channel, "level1.rotationId", rotationPage.substring(rotationPage.lastIndexOf('/') + 1));
        assertThat(badPolicy.status()).isEqualTo(422);
        assertThat(badPolicy.body()).contains("id=\"level-0-error\"");
        assertThat(browser.postPairs("/app/escalation/" + monitor, "level0.channelIds", channel,
                "level0.afterMinutes", "10", "level1.rotationId",
                rotationPage.substring(rotationPage.lastIndexOf('/') + 1)).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors/" + monitor + "/escalation-policy").json().get("levels").size())
                .isEqualTo(2);
        assertThat(browser.get("/app/escalation").body()).contains("on call in Primary").contains("after 10 min");

        String audit = browser.get("/app/audit?action=oncall_").body();
        assertThat(audit).contains("oncall_rotation.created").contains("oncall_override.created")
                .contains("oncall_contact.updated").doesNotContain("escalation_policy.updated");
        assertThat(browser.getAsHtmx("/app/audit/rows?actor=" + email + "&action=escalation").body())
                .contains("escalation_policy.updated").doesNotContain("<html");
        assertThat(browser.get("/app/audit?from=not-a-date").body()).contains("was ignored");

        String other = new DashboardSession(port).signUp("other-" + UUID.randomUUID() + "@example.com");
        String theirs = Tenant.require(new ApiClient(port).withKey(other).post("/api/v1/oncall-rotations",
                Map.of("name", "Theirs", "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z")), 201)
                .json().get("id").asString();
        assertThat(browser.get("/app/oncall/" + theirs).status()).isEqualTo(404);
        assertThat(browser.postPairs("/app/oncall/" + theirs + "/overrides", "memberId", me, "startsAt",
                local(now), "endsAt", local(now.plus(Duration.ofHours(1)))).status()).isEqualTo(404);
    }

    @Test
    void theProbePageShowsRegionsLiveProbesWithVersionsAndPlugins() {
        String instance = "dashboard-test-" + UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, version, started_at, last_seen_at, expires_at,
                                                     monitor_types, max_in_flight)
                        VALUES (?, 'local-b', '9.8.7-test', ?, ?, ?, '{HTTP,PLUGIN}', 64)""")
                .params(instance, Timestamp.from(now.minusSeconds(600)), Timestamp.from(now),
                        Timestamp.from(now.plusSeconds(600)))
                .update();
        jdbc.sql("INSERT INTO probe_plugins (instance_id, name, kind, description) VALUES (?, ?, 'NAGIOS', 'Disk')")
                .params(instance, "check_disk_" + instance.substring(15, 23)).update();
        try {
            DashboardSession browser = new DashboardSession(port);
            browser.signUp("probes-" + UUID.randomUUID() + "@example.com");
            String page = browser.get("/app/probes").body();
            assertThat(page).contains("id=\"regions\"").contains("local-a").contains(instance).contains("9.8.7-test")
                    .contains("check_disk_" + instance.substring(15, 23));
        } finally {
            jdbc.sql("DELETE FROM probe_instances WHERE instance_id = ?").param(instance).update();
        }
    }

    @Test
    void aViewerReadsEveryOnCallPageAndChangesNothing() {
        Tenant tenant = Tenant.create(port);
        String rotation = Tenant.require(tenant.owner().post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z",
                "memberIds", List.of(tenant.teammateId().toString()))), 201).json().get("id").asString();
        String monitor = Tenant.require(tenant.owner().post("/api/v1/monitors", Map.of("name", "Watched",
                "type", "HTTP", "url", "https://example.com/")), 201).json().get("id").asString();
        String viewerEmail = "viewer-" + UUID.randomUUID() + "@example.com";
        DashboardSession viewer = new DashboardSession(port);
        viewer.signUp(viewerEmail);
        tenant.owner().post("/api/v1/members", Map.of("email", viewerEmail, "role", "VIEWER"));
        viewer.acceptInvitation(viewerEmail);
        viewer.get("/app/monitors");
        viewer.post("/app/workspace", Map.of("workspaceId", tenant.workspaceId().toString()));
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());

        for (String page : List.of("/app/oncall", "/app/oncall/" + rotation, "/app/escalation",
                "/app/escalation/" + monitor, "/app/audit", "/app/probes",
                "/app/oncall/contacts/" + tenant.teammateId())) {
            DashboardSession.Page read = viewer.get(page);
            assertThat(read.status()).as(page).isEqualTo(200);
            assertThat(read.body()).as(page).doesNotContain("id=\"create-rotation\"")
                    .doesNotContain("id=\"add-override\"").doesNotContain("id=\"save-policy\"")
                    .doesNotContain("id=\"save-contact\"");
        }
        assertThat(viewer.get("/app/oncall/" + rotation).body()).contains("Primary");
        String teammate = tenant.teammateId().toString();
        assertThat(viewer.postPairs("/app/oncall", "name", "Mine", "handoff", "DAILY", "startsAt",
                "2026-01-05T09:00", "memberIds", teammate).status()).isEqualTo(403);
        assertThat(viewer.postPairs("/app/oncall/" + rotation + "/overrides", "memberId", teammate,
                "startsAt", "2030-01-01T00:00", "endsAt", "2030-01-02T00:00").status()).isEqualTo(403);
        assertThat(viewer.postPairs("/app/oncall/" + rotation + "/delete").status()).isEqualTo(403);
        assertThat(viewer.postPairs("/app/oncall/contacts/" + teammate, "byEmail", "true").status())
                .isEqualTo(403);
        assertThat(viewer.postPairs("/app/escalation/" + monitor, "level0.rotationId", rotation).status())
                .isEqualTo(403);
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }
}
