package dev.vigil.api.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import dev.vigil.common.testing.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Overrides, who is on call now and the next hand-over, and on-call contacts, through the API on a clock the test
 * moves: the answers change at the override's edges and at the shift boundary, and nothing crosses workspaces.
 */
@ApiServiceTest
@Import(OnCallApiIT.MovableClock.class)
class OnCallApiIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private MutableClock moving() {
        return (MutableClock) clock;
    }

    private UUID ownerId(Tenant tenant) {
        return UUID.fromString(tenant.owner().get("/api/v1/members").json().get("items").valueStream()
                .filter(m -> m.get("email").asString().equals(tenant.ownerEmail())).findFirst().orElseThrow()
                .get("userId").asString());
    }

    private static JsonNode handover(JsonNode rotation) {
        return rotation.get("nextHandover");
    }

    @Test
    void anOverrideTakesOverAtItsStartAndHandsBackAtItsEndAndTheScheduleGoesOn() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String ann = ownerId(tenant).toString();
        String bob = tenant.teammateId().toString();
        Instant start = clock.instant().minus(Duration.ofHours(1));
        String rotation = Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "DAILY", "startsAt", start.toString(), "memberIds", List.of(ann, bob))), 201)
                .json().get("id").asString();
        String path = "/api/v1/oncall-rotations/" + rotation;

        JsonNode before = owner.get(path).json();
        assertThat(before.get("onCallNow").asString()).isEqualTo(ann);
        assertThat(before.get("onCallOverrideId").isNull()).isTrue();
        assertThat(handover(before).get("at").asString()).isEqualTo(start.plus(Duration.ofDays(1)).toString());
        assertThat(handover(before).get("memberId").asString()).isEqualTo(bob);

        // Bob covers two hours of Ann's shift, starting in an hour.
        Instant from = clock.instant().plus(Duration.ofHours(1));
        Instant until = from.plus(Duration.ofHours(2));
        JsonNode override = Tenant.require(owner.post(path + "/overrides", Map.of("memberId", bob,
                "startsAt", from.toString(), "endsAt", until.toString(), "note", "Ann at the dentist")), 201).json();
        assertThat(override.get("memberId").asString()).isEqualTo(bob);
        JsonNode planned = owner.get(path).json();
        assertThat(planned.get("onCallNow").asString()).as("not yet").isEqualTo(ann);
        assertThat(handover(planned).get("at").asString()).isEqualTo(from.toString());
        assertThat(handover(planned).get("memberId").asString()).isEqualTo(bob);

        moving().advance(Duration.ofMinutes(90));
        JsonNode covering = owner.get(path).json();
        assertThat(covering.get("onCallNow").asString()).isEqualTo(bob);
        assertThat(covering.get("onCallOverrideId").asString()).isEqualTo(override.get("id").asString());
        assertThat(handover(covering).get("at").asString()).isEqualTo(until.toString());
        assertThat(handover(covering).get("memberId").asString()).isEqualTo(ann);
        assertThat(owner.get("/api/v1/oncall-rotations").json().get("items").get(0).get("onCallNow").asString())
                .as("the list answers the same").isEqualTo(bob);

        // Past the end of Ann's first shift: Bob by the schedule, the override gone from the list.
        moving().advance(Duration.ofHours(23));
        JsonNode scheduled = owner.get(path).json();
        assertThat(scheduled.get("onCallNow").asString()).isEqualTo(bob);
        assertThat(scheduled.get("onCallOverrideId").isNull()).isTrue();
        assertThat(handover(scheduled).get("at").asString()).isEqualTo(start.plus(Duration.ofDays(2)).toString());
        assertThat(handover(scheduled).get("memberId").asString()).isEqualTo(ann);
        assertThat(owner.get(path + "/overrides").json().get("items").size()).isZero();

        JsonNode audit = owner.get("/api/v1/audit-log?action=oncall_override.").json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        assertThat(audit.get("items").get(0).get("action").asString()).isEqualTo("oncall_override.created");
    }

    @Test
    void aRotationInAZoneHandsOverAtTheSameLocalTimeAllYearAndOffsetsAreRefused() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        List<String> members = List.of(ownerId(tenant).toString(), tenant.teammateId().toString());
        // First shift on a summer Monday at 09:00 in Berlin (07:00 UTC); the API runs on a clock near today.
        Map<String, Object> summerStart = Map.of("name", "Berlin days", "handoff", "DAILY",
                "startsAt", "2026-07-06T07:00:00Z", "memberIds", members, "timeZone", "Europe/Berlin");
        JsonNode berlin = Tenant.require(owner.post("/api/v1/oncall-rotations", summerStart), 201).json();
        assertThat(berlin.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(Instant.parse(handover(berlin).get("at").asString()).atZone(ZoneId.of("Europe/Berlin"))
                .toLocalTime()).as("09:00 in Berlin, summer or winter").isEqualTo(LocalTime.of(9, 0));

        Map<String, Object> inUtc = new HashMap<>(summerStart);
        inUtc.remove("timeZone");
        JsonNode utc = Tenant.require(owner.post("/api/v1/oncall-rotations", inUtc), 201).json();
        assertThat(utc.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(Instant.parse(handover(utc).get("at").asString()).atZone(ZoneOffset.UTC).toLocalTime())
                .isEqualTo(LocalTime.of(7, 0));

        for (String bad : List.of("+02:00", "Mars/Olympus", "CET-ish")) {
            Map<String, Object> body = new HashMap<>(summerStart);
            body.put("timeZone", bad);
            ApiClient.Response refused = owner.post("/api/v1/oncall-rotations", body);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorFields()).as(bad).containsExactly("timeZone");
            assertThat(owner.put("/api/v1/oncall-rotations/" + berlin.get("id").asString(), body).status())
                    .isEqualTo(400);
        }
        assertThat(owner.get("/api/v1/oncall-rotations").json().get("items").size()).isEqualTo(2);
        assertThat(owner.get("/api/v1/oncall-rotations/" + berlin.get("id").asString()).json().get("timeZone")
                .asString()).as("unchanged by the refused PUTs").isEqualTo("Europe/Berlin");
    }

    @Test
    void anOverrideIsRemovedAndTheRotationReplacedWithItsOverridesKept() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String ann = ownerId(tenant).toString();
        String bob = tenant.teammateId().toString();
        String rotation = Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "WEEKLY", "startsAt", clock.instant().toString(), "memberIds", List.of(ann))), 201)
                .json().get("id").asString();
        String path = "/api/v1/oncall-rotations/" + rotation;
        String now = clock.instant().minusSeconds(60).toString();
        String later = clock.instant().plus(Duration.ofHours(5)).toString();
        String override = Tenant.require(owner.post(path + "/overrides", Map.of("memberId", bob, "startsAt", now,
                "endsAt", later)), 201).json().get("id").asString();
        assertThat(owner.get(path).json().get("onCallNow").asString()).isEqualTo(bob);

        JsonNode replaced = Tenant.require(owner.put(path, Map.of("name", "Renamed", "handoff", "DAILY",
                "startsAt", clock.instant().toString(), "memberIds", List.of(bob, ann))), 200).json();
        assertThat(replaced.get("name").asString()).isEqualTo("Renamed");
        assertThat(replaced.get("onCallOverrideId").asString()).as("overrides survive an edit").isEqualTo(override);

        assertThat(owner.delete(path + "/overrides/" + override).status()).isEqualTo(204);
        assertThat(owner.delete(path + "/overrides/" + override).status()).isEqualTo(404);
        assertThat(owner.get(path).json().get("onCallNow").asString()).isEqualTo(bob);
        assertThat(owner.get(path).json().get("nextHandover").get("memberId").asString()).isEqualTo(ann);
    }

    @Test
    void badOverridesAreRefusedFieldByFieldAndChangeNothing() {
        Tenant tenant = Tenant.create(port);
        Tenant stranger = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String rotation = Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z")), 201).json().get("id").asString();
        String overrides = "/api/v1/oncall-rotations/" + rotation + "/overrides";
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());

        ApiClient.Response wrong = owner.post(overrides, Map.of("memberId", stranger.teammateId().toString(),
                "startsAt", "tomorrow", "endsAt", "2026-13-01T00:00:00Z"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorFields()).containsExactlyInAnyOrder("memberId", "startsAt", "endsAt");
        String bob = tenant.teammateId().toString();
        Instant now = clock.instant();
        assertThat(owner.post(overrides, Map.of("memberId", bob, "startsAt", now.toString(),
                "endsAt", now.minusSeconds(1).toString())).errorFor("endsAt")).contains("after startsAt");
        assertThat(owner.post(overrides, Map.of("memberId", bob, "startsAt", now.minus(Duration.ofDays(2)).toString(),
                "endsAt", now.minus(Duration.ofDays(1)).toString())).errorFor("endsAt")).contains("past");
        assertThat(owner.post(overrides, Map.of("memberId", bob, "startsAt", now.toString(),
                "endsAt", now.plus(Duration.ofDays(91)).toString())).errorFor("endsAt")).contains("90 days");
        assertThat(owner.post(overrides, Map.of()).errorFields())
                .containsExactlyInAnyOrder("memberId", "startsAt", "endsAt");
        assertThat(tenant.viewer().post(overrides, ApiEndpoints.override(new ApiEndpoints.Resources(
                Map.of("teammate", tenant.teammateId()), Map.of()))).status()).isEqualTo(403);
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }

    @Test
    void anotherWorkspaceNeitherSeesNorTouchesOverridesOrContacts() {
        Tenant tenant = Tenant.create(port);
        Tenant stranger = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String bob = tenant.teammateId().toString();
        String rotation = Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary",
                "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z", "memberIds", List.of(bob))), 201)
                .json().get("id").asString();
        String overrides = "/api/v1/oncall-rotations/" + rotation + "/overrides";
        Instant now = clock.instant();
        String override = Tenant.require(owner.post(overrides, Map.of("memberId", bob, "startsAt", now.toString(),
                "endsAt", now.plus(Duration.ofHours(1)).toString())), 201).json().get("id").asString();
        String theirRotation = Tenant.require(stranger.owner().post("/api/v1/oncall-rotations", Map.of(
                "name", "Theirs", "handoff", "DAILY", "startsAt", "2026-01-05T09:00:00Z")), 201)
                .json().get("id").asString();
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());

        ApiClient them = stranger.owner();
        assertThat(them.get(overrides).status()).isEqualTo(404);
        assertThat(them.post(overrides, Map.of("memberId", stranger.teammateId().toString(), "startsAt",
                now.toString(), "endsAt", now.plus(Duration.ofHours(1)).toString())).status()).isEqualTo(404);
        assertThat(them.delete(overrides + "/" + override).status()).isEqualTo(404);
        // Their own rotation's path with this workspace's override id: still not found.
        assertThat(them.delete("/api/v1/oncall-rotations/" + theirRotation + "/overrides/" + override).status())
                .isEqualTo(404);
        assertThat(them.post("/api/v1/oncall-rotations/" + theirRotation + "/overrides", Map.of("memberId", bob,
                "startsAt", now.toString(), "endsAt", now.plus(Duration.ofHours(1)).toString())).errorFields())
                .as("this workspace's member cannot be put on call there").containsExactly("memberId");
        assertThat(them.get("/api/v1/oncall-contacts/" + bob).status()).isEqualTo(404);
        assertThat(them.put("/api/v1/oncall-contacts/" + bob, Map.of("byEmail", true)).status()).isEqualTo(404);
        assertThat(them.get("/api/v1/oncall-contacts").body()).doesNotContain(bob);
        assertThat(them.get("/api/v1/audit-log?action=oncall_override.").json().get("total").asLong()).isZero();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
    }

    @Test
    void aContactNamesChannelsOfAnyTypeOfTheWorkspaceAndSomeWayToReachTheMember() {
        Tenant tenant = Tenant.create(port);
        Tenant stranger = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String bob = tenant.teammateId().toString();
        String path = "/api/v1/oncall-contacts/" + bob;
        JsonNode initial = owner.get(path).json();
        assertThat(initial.get("byEmail").asBoolean()).as("email by default").isTrue();
        assertThat(initial.get("channelIds").size()).isZero();

        String sms = Tenant.require(owner.post("/api/v1/alert-channels", Map.of("name", "Bob's phone",
                "type", "NTFY", "config", Map.of("topicUrl", "https://93.184.215.14/vigil-" + UUID.randomUUID()))), 201)
                .json().get("id").asString();
        String foreign = stranger.addAlertChannel(jdbc, "Theirs").toString();
        ApiClient.Response refused = owner.put(path, Map.of("channelIds", List.of(sms, foreign), "byEmail", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("channelIds[1]");
        assertThat(owner.put(path, Map.of("channelIds", List.of(), "byEmail", false)).errorFields())
                .containsExactly("channelIds");

        JsonNode saved = Tenant.require(owner.put(path, Map.of("channelIds", List.of(sms), "byEmail", false)), 200)
                .json();
        assertThat(saved.get("channelIds").get(0).asString()).isEqualTo(sms);
        assertThat(saved.get("byEmail").asBoolean()).isFalse();
        assertThat(owner.get("/api/v1/oncall-contacts").json().get("items").valueStream()
                .filter(c -> c.get("userId").asString().equals(bob)).findFirst().orElseThrow()
                .get("byEmail").asBoolean()).isFalse();
        assertThat(tenant.viewer().put(path, Map.of("byEmail", true)).status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/audit-log?action=oncall_contact.updated").json().get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void theAuditLogFiltersByActorActionAndDates() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        Tenant.require(owner.post("/api/v1/oncall-rotations", Map.of("name", "Audited", "handoff", "DAILY",
                "startsAt", "2026-01-05T09:00:00Z")), 201);
        Instant now = clock.instant();
        String created = "/api/v1/audit-log?action=oncall_rotation.created";
        assertThat(owner.get(created).json().get("total").asLong()).isEqualTo(1);
        String label = owner.get(created).json().get("items").get(0).get("actor").get("label").asString();
        String part = URLEncoder.encode(label.substring(0, Math.min(10, label.length())).toUpperCase(Locale.ROOT),
                StandardCharsets.UTF_8);
        assertThat(owner.get(created + "&actor=" + part).json().get("total").asLong()).as("any case").isEqualTo(1);
        assertThat(owner.get(created + "&actor=nobody-like-this").json().get("total").asLong()).isZero();
        assertThat(owner.get(created + "&from=" + now.minusSeconds(60) + "&until=" + now.plusSeconds(60)).json()
                .get("total").asLong()).isEqualTo(1);
        assertThat(owner.get(created + "&from=" + now.plusSeconds(60)).json().get("total").asLong()).isZero();
        assertThat(owner.get("/api/v1/audit-log?action=%25").json().get("total").asLong())
                .as("a LIKE wildcard is just a character").isZero();
        ApiClient.Response bad = owner.get("/api/v1/audit-log?from=yesterday&until=2026-99-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("from", "until");
    }
}
