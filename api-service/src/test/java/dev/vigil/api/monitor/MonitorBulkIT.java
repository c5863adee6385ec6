package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/monitors/bulk}: every action, by ids and by filter, all or nothing, one audit entry. */
@ApiServiceTest
class MonitorBulkIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pausesAndResumesByIdsWithOneAuditEntryListingTheMonitors() {
        Tenant tenant = Tenant.create(port);
        ApiClient api = tenant.owner();
        List<String> ids = monitors(api, "Web", 3);
        Tenant.require(api.post("/api/v1/monitors/" + ids.get(0) + "/pause"), 200);

        JsonNode paused = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "pause", "monitorIds", ids)));
        JsonNode again = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "pause", "monitorIds", ids)));

        assertThat(paused.get("matched").asInt()).isEqualTo(3);
        assertThat(paused.get("changed").asInt()).isEqualTo(2);
        assertThat(again.get("changed").asInt()).isZero();
        assertThat(api.get("/api/v1/monitors?status=PAUSED").json().get("total").asInt()).isEqualTo(3);
        List<String> entries = jdbc.sql("SELECT summary::text FROM audit_events WHERE workspace_id = ? AND action = "
                + "'monitor.bulk_paused'").param(tenant.workspaceId()).query(String.class).list();
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst()).contains(ids.get(0), ids.get(1), ids.get(2), "Web 1", "\"count\": 3");

        JsonNode resumed = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "resume", "monitorIds", ids)));
        assertThat(resumed.get("changed").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/monitors?status=PAUSED").json().get("total").asInt()).isZero();
    }

    @Test
    void actsOnEveryMonitorMatchingAFilter() {
        ApiClient api = new ApiClient(port).signUp();
        List<String> shop = monitors(api, "Shop", 4);
        List<String> blog = monitors(api, "Blog", 2);
        String prod = Tenant.require(api.post("/api/v1/tags", Map.of("name", "prod")), 201).json().get("id")
                .asString();

        JsonNode tagged = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "add_tags",
                "filter", Map.of("q", "shop"), "tagIds", List.of(prod))));
        JsonNode pausedByTag = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "filter", Map.of("tag", List.of("prod"), "status", List.of("PENDING")))));

        assertThat(tagged.get("matched").asInt()).isEqualTo(4);
        assertThat(tagged.get("changed").asInt()).isEqualTo(4);
        assertThat(tagged.get("monitorIds").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(shop);
        assertThat(pausedByTag.get("changed").asInt()).isEqualTo(4);
        for (String id : blog) {
            assertThat(api.get("/api/v1/monitors/" + id).json().get("paused").asBoolean()).isFalse();
        }
        JsonNode removed = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "remove_tags",
                "monitorIds", List.of(shop.get(0), blog.get(0)), "tagIds", List.of(prod))));
        assertThat(removed.get("changed").asInt()).as("only the tagged one changed").isEqualTo(1);
        assertThat(api.get("/api/v1/monitors?tag=prod").json().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void linksAndUnlinksAChannelMovesToAGroupAndDeletes() {
        Tenant tenant = Tenant.create(port);
        ApiClient api = tenant.owner();
        List<String> ids = monitors(api, "Api", 3);
        String channel = tenant.addAlertChannel(jdbc, "Ops").toString();
        String group = Tenant.require(api.post("/api/v1/monitor-groups", Map.of("name", "Core")), 201).json()
                .get("id").asString();

        ok(api.post("/api/v1/monitors/bulk", Map.of("action", "link_channel", "monitorIds", ids, "channelId",
                channel)));
        assertThat(api.get("/api/v1/monitors/" + ids.get(2)).json().get("alertChannelIds").get(0).asString())
                .isEqualTo(channel);
        ok(api.post("/api/v1/monitors/bulk", Map.of("action", "unlink_channel", "monitorIds", ids.subList(0, 2),
                "channelId", channel)));
        assertThat(api.get("/api/v1/monitors/" + ids.get(0)).json().get("alertChannelIds")).isEmpty();
        assertThat(api.get("/api/v1/monitors/" + ids.get(2)).json().get("alertChannelIds")).hasSize(1);

        JsonNode moved = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "move_to_group", "monitorIds", ids,
                "groupId", group)));
        assertThat(moved.get("changed").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/monitors?group=" + group).json().get("total").asInt()).isEqualTo(3);
        ok(api.post("/api/v1/monitors/bulk", Map.of("action", "move_to_group", "monitorIds", ids.subList(0, 1))));
        assertThat(api.get("/api/v1/monitors?group=none").json().get("total").asInt()).isEqualTo(1);

        JsonNode deleted = ok(api.post("/api/v1/monitors/bulk", Map.of("action", "delete",
                "monitorIds", ids.subList(0, 2))));
        assertThat(deleted.get("changed").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE workspace_id = ? AND action LIKE 'monitor.bulk_%'")
                .param(tenant.workspaceId()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void anotherWorkspacesMonitorsTagsChannelsAndGroupsAreRefusedAndNothingChanges() {
        Tenant tenant = Tenant.create(port);
        Tenant outsider = Tenant.create(port);
        List<String> mine = monitors(tenant.owner(), "Mine", 2);
        List<String> theirs = monitors(outsider.owner(), "Theirs", 1);
        String theirTag = Tenant.require(outsider.owner().post("/api/v1/tags", Map.of("name", "t")), 201).json()
                .get("id").asString();
        String theirChannel = outsider.addAlertChannel(jdbc, "Theirs").toString();
        String theirGroup = Tenant.require(outsider.owner().post("/api/v1/monitor-groups", Map.of("name", "G")), 201)
                .json().get("id").asString();
        String mineBefore = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        String theirsBefore = WorkspaceState.fingerprint(jdbc, outsider.workspaceId());
        List<String> mixed = new ArrayList<>(mine);
        mixed.addAll(theirs);

        ApiClient.Response pause = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "delete",
                "monitorIds", mixed));
        ApiClient.Response byOutsider = outsider.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "monitorIds", mine));
        ApiClient.Response tag = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "add_tags",
                "monitorIds", mine, "tagIds", List.of(theirTag)));
        ApiClient.Response channel = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "link_channel",
                "monitorIds", mine, "channelId", theirChannel));
        ApiClient.Response group = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "move_to_group",
                "filter", Map.of(), "groupId", theirGroup));
        ApiClient.Response filter = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "filter", Map.of("tag", List.of(theirTag))));

        assertThat(pause.status()).isEqualTo(400);
        assertThat(pause.errorFor("monitorIds")).contains(theirs.getFirst()).doesNotContain(mine.getFirst());
        assertThat(byOutsider.status()).isEqualTo(400);
        assertThat(tag.errorFields()).containsExactly("tagIds");
        assertThat(channel.errorFields()).containsExactly("channelId");
        assertThat(group.errorFields()).containsExactly("groupId");
        assertThat(filter.errorFields()).containsExactly("filter.tag");
        for (ApiClient.Response response : List.of(pause, byOutsider, tag, channel, group, filter)) {
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(mineBefore);
        assertThat(WorkspaceState.fingerprint(jdbc, outsider.workspaceId())).isEqualTo(theirsBefore);
    }

    @Test
    void badRequestsNameEveryFieldAndAViewerChangesNothing() {
        Tenant tenant = Tenant.create(port);
        List<String> ids = monitors(tenant.owner(), "Api", 1);

        ApiClient.Response neither = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause"));
        ApiClient.Response both = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "monitorIds", ids, "filter", Map.of()));
        ApiClient.Response unknown = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "explode",
                "monitorIds", ids));
        ApiClient.Response extra = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "monitorIds", ids, "channelId", UUID.randomUUID().toString()));
        ApiClient.Response missing = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "add_tags",
                "monitorIds", ids));
        ApiClient.Response badFilter = tenant.owner().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "filter", Map.of("status", List.of("SIDEWAYS"))));
        ApiClient.Response viewer = tenant.viewer().post("/api/v1/monitors/bulk", Map.of("action", "pause",
                "monitorIds", ids));

        assertThat(neither.errorFields()).containsExactly("monitorIds");
        assertThat(both.errorFields()).containsExactly("monitorIds");
        assertThat(unknown.errorFields()).containsExactly("action");
        assertThat(extra.errorFields()).containsExactly("channelId");
        assertThat(missing.errorFields()).containsExactly("tagIds");
        assertThat(badFilter.errorFields()).containsExactly("filter.status");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(tenant.owner().get("/api/v1/monitors/" + ids.getFirst()).json().get("paused").asBoolean())
                .isFalse();
    }

    @Test
    void aBulkActionOverAPerMonitorLimitChangesNothing() {
        ApiClient api = new ApiClient(port).signUp();
        List<String> tags = IntStream.range(0, 21).mapToObj(i -> Tenant.require(api.post("/api/v1/tags",
                Map.of("name", "t" + i)), 201).json().get("id").asString()).toList();
        Map<String, Object> body = new HashMap<>(ApiEndpoints.httpMonitor("Full"));
        body.put("tagIds", tags.subList(0, 20));
        String full = Tenant.require(api.post("/api/v1/monitors", body), 201).json().get("id").asString();
        String empty = monitors(api, "Empty", 1).getFirst();

        ApiClient.Response over = api.post("/api/v1/monitors/bulk", Map.of("action", "add_tags",
                "monitorIds", List.of(empty, full), "tagIds", List.of(tags.get(20))));

        assertThat(over.status()).isEqualTo(409);
        assertThat(over.isProblem()).isTrue();
        assertThat(api.get("/api/v1/monitors/" + empty).json().get("tagIds")).isEmpty();
    }

    private static List<String> monitors(ApiClient api, String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> Tenant.require(api.post("/api/v1/monitors",
                ApiEndpoints.httpMonitor(prefix + " " + i)), 201).json().get("id").asString()).toList();
    }

    private static JsonNode ok(ApiClient.Response response) {
        return Tenant.require(response, 200).json();
    }
}
