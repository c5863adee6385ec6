package dev.vigil.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/plugins} over the fleet tables, filled here as the alerting service fills them. */
@ApiServiceTest
class PluginApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void fleet() {
        Instant now = Instant.now();
        instance("a-live", "local-a", now.plus(Duration.ofMinutes(1)), false, "check_tcp_" + suffix, "NAGIOS", null,
                "banner_" + suffix, "JAVA", "Greeting check");
        instance("b-live", "local-b", now.plus(Duration.ofMinutes(1)), false, "check_tcp_" + suffix, "NAGIOS", null);
        instance("c-gone", "local-c", now.minus(Duration.ofMinutes(1)), false, "check_old_" + suffix, "NAGIOS", null);
        instance("c-stopping", "local-c", now.plus(Duration.ofMinutes(1)), true, "check_tcp_" + suffix, "NAGIOS",
                null);
    }

    /** The fleet table is shared by every test of this JVM: leave no live probes behind for them. */
    @AfterEach
    void removeFleet() {
        jdbc.sql("DELETE FROM probe_instances WHERE instance_id LIKE ?").param("%-" + suffix).update();
    }

    @Test
    void aPluginMonitorIsRefusedInARegionWhoseLiveProbesDoNotOfferIt() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response offered = api.post("/api/v1/monitors", Map.of("name", "Banner", "type", "PLUGIN",
                "plugin", "banner_" + suffix, "args", List.of("free", "--form"), "regions", List.of("local-a")));
        ApiClient.Response notOffered = api.post("/api/v1/monitors", Map.of("name", "Banner", "type", "PLUGIN",
                "plugin", "banner_" + suffix, "regions", List.of("local-a", "local-b")));
        // A Nagios plugin the fleet announces but the plugin list does not hold is refused all the same.
        ApiClient.Response offList = api.post("/api/v1/monitors", Map.of("name", "Banner", "type", "PLUGIN",
                "plugin", "check_tcp_" + suffix, "args", List.of("-H", "example.com"),
                "regions", List.of("local-a", "local-b")));

        assertThat(offered.status()).isEqualTo(201);
        assertThat(offList.status()).isEqualTo(400);
        assertThat(offList.json().get("errors").get(0).get("message").asString())
                .contains("is not on this service's plugin list");
        assertThat(notOffered.status()).isEqualTo(400);
        assertThat(notOffered.json().get("errors").get(0).get("message").asString())
                .contains("not offered in local-b");
    }

    private void instance(String id, String region, Instant expires, boolean stopping, String... plugins) {
        String instance = id + "-" + suffix;
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at, stopping)
                        VALUES (?, ?, now(), now(), ?, ?)""")
                .params(instance, region, Timestamp.from(expires), stopping).update();
        for (int i = 0; i < plugins.length; i += 3) {
            jdbc.sql("INSERT INTO probe_plugins (instance_id, name, kind, description) VALUES (?, ?, ?, ?)")
                    .params(instance, plugins[i], plugins[i + 1], plugins[i + 2]).update();
        }
    }

    @Test
    void listsThePluginsOfLiveProbesWithTheirRegions() {
        ApiClient api = new ApiClient(port).signUp();

        ApiClient.Response response = api.get("/api/v1/plugins");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        response.json().get("items").forEach(item -> {
            if (item.get("name").asString().endsWith(suffix)) {
                mine.add(item);
            }
        });
        assertThat(mine).extracting(item -> item.get("name").asString())
                .containsExactly("banner_" + suffix, "check_tcp_" + suffix);
        JsonNode banner = mine.get(0);
        assertThat(banner.get("kind").asString()).isEqualTo("JAVA");
        assertThat(banner.get("description").asString()).isEqualTo("Greeting check");
        assertThat(banner.get("regions").toString()).isEqualTo("[\"local-a\"]");
        // The stopping instance in local-c does not count; the expired one offers nothing at all.
        assertThat(mine.get(1).get("regions").toString()).isEqualTo("[\"local-a\",\"local-b\"]");
    }

    @Test
    void needsAnApiKey() {
        ApiClient.Response response = new ApiClient(port).get("/api/v1/plugins");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
    }
}
