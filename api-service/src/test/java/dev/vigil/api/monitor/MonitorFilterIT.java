package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/monitors} filtered by status, tag, group, type, region and text, alone and combined. */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorFilterIT {

    /** A name with LIKE's wildcards in it, which a search must take literally. */
    private static final String PAYMENTS = "Payments 100%_sure";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private String prod;
    private String eu;
    private String checkout;

    @BeforeAll
    void seed() {
        api = new ApiClient(port).signUp();
        prod = id(api.post("/api/v1/tags", Map.of("name", "prod")));
        String staging = id(api.post("/api/v1/tags", Map.of("name", "staging")));
        eu = id(api.post("/api/v1/monitor-groups", Map.of("name", "EU")));
        checkout = id(api.post("/api/v1/monitor-groups", Map.of("name", "Checkout", "parentId", eu)));
        monitor("Shop front", "https://shop.example.com/", List.of(prod), eu, List.of("local-a", "local-b"));
        monitor("Cart API", "https://cart.example.com/api", List.of(prod), checkout, List.of("local-a"));
        monitor("Staging shop", "https://staging.example.com/", List.of(staging), null, List.of("local-c"));
        String down = monitor(PAYMENTS, "https://pay.example.com/", List.of(prod), null,
                List.of("local-b"));
        String paused = monitor("Old blog", "https://blog.example.com/", List.of(), null, List.of("local-a"));
        Tenant.require(api.post("/api/v1/monitors", Map.of("name", "db", "type", "TCP", "host", "db.internal.example",
                "port", 5432, "regions", List.of("local-b"))), 201);
        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?").param(UUID.fromString(down)).update();
        Tenant.require(api.post("/api/v1/monitors/" + paused + "/pause"), 200);
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE workspace_id = (SELECT workspace_id FROM monitors "
                + "WHERE id = ?) AND status = 'PENDING' AND name <> 'db'").param(UUID.fromString(down)).update();
    }

    @Test
    void eachFilterAloneFindsItsMonitors() {
        assertThat(names("")).hasSize(6);
        assertThat(names("tag=prod")).containsExactly("Shop front", "Cart API", PAYMENTS);
        assertThat(names("tag=" + prod)).containsExactly("Shop front", "Cart API", PAYMENTS);
        assertThat(names("group=" + eu)).as("a group includes its subgroups").containsExactly("Shop front",
                "Cart API");
        assertThat(names("group=" + checkout)).containsExactly("Cart API");
        assertThat(names("group=none")).containsExactly("Staging shop", PAYMENTS, "Old blog", "db");
        assertThat(names("status=DOWN")).containsExactly(PAYMENTS);
        assertThat(names("status=paused")).containsExactly("Old blog");
        assertThat(names("status=UP")).as("a paused monitor is PAUSED, whatever it was")
                .containsExactly("Shop front", "Cart API", "Staging shop");
        assertThat(names("status=PENDING")).containsExactly("db");
        assertThat(names("type=TCP")).containsExactly("db");
        assertThat(names("region=local-c")).containsExactly("Staging shop");
        assertThat(names("q=SHOP")).containsExactly("Shop front", "Staging shop");
        assertThat(names("q=db.internal")).as("the target is searched too").containsExactly("db");
        assertThat(names("q=100%25_")).as("% and _ are literal").containsExactly(PAYMENTS);
        assertThat(names("q=sh_p")).as("_ matches only itself").isEmpty();
        // Searches shorter than a trigram take another path in SQL (strpos): the same matches, % and _ literal.
        assertThat(names("q=DB")).containsExactly("db");
        assertThat(names("q=%25_")).as("% and _ are literal").containsExactly(PAYMENTS);
        assertThat(names("q=_")).as("_ matches only itself").containsExactly(PAYMENTS);
        assertThat(names("q=%25")).containsExactly(PAYMENTS);
        assertThat(names("q=z")).isEmpty();
    }

    @Test
    void filtersCombineAndRepeatedValuesMeanAnyOrEvery() {
        assertThat(names("tag=prod&status=UP&region=local-a")).containsExactly("Shop front", "Cart API");
        assertThat(names("tag=prod&group=" + eu + "&q=cart")).containsExactly("Cart API");
        assertThat(names("status=DOWN&status=PAUSED")).containsExactly(PAYMENTS, "Old blog");
        assertThat(names("status=DOWN,PAUSED&type=HTTP")).containsExactly(PAYMENTS, "Old blog");
        assertThat(names("region=local-b&region=local-c")).containsExactly("Shop front", "Staging shop",
                PAYMENTS, "db");
        assertThat(names("tag=prod&tag=staging")).as("every tag given").isEmpty();
    }

    @Test
    void pagesOfAFilteredListCountTheWholeMatch() {
        JsonNode first = api.get("/api/v1/monitors?tag=prod&size=2").json();
        JsonNode second = api.get("/api/v1/monitors?tag=prod&size=2&page=1").json();
        JsonNode beyond = api.get("/api/v1/monitors?tag=prod&size=2&page=5").json();

        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void unknownFilterValuesAreProblemsNamingEachParameter() {
        ApiClient.Response response = api.get("/api/v1/monitors?status=SIDEWAYS&tag=nope&group=" + UUID.randomUUID()
                + "&type=FTP&region=mars");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.errorFields()).containsExactlyInAnyOrder("status", "tag", "group", "type", "region");
        assertThat(api.get("/api/v1/monitors?q=" + "x".repeat(201)).errorFields()).containsExactly("q");
    }

    @Test
    void anotherWorkspacesTagIsUnknownAndItsMonitorsNeverMatch() {
        ApiClient other = new ApiClient(port).signUp();
        String theirs = id(other.post("/api/v1/tags", Map.of("name", "prod")));
        Tenant.require(other.post("/api/v1/monitors", Map.of("name", "Shop front", "type", "HTTP",
                "url", "https://shop.example.com/", "tagIds", List.of(theirs))), 201);

        assertThat(api.get("/api/v1/monitors?tag=" + theirs).status()).isEqualTo(400);
        assertThat(names("tag=prod&q=shop")).containsExactly("Shop front");
        assertThat(other.get("/api/v1/monitors?tag=prod").json().get("total").asLong()).isEqualTo(1);
    }

    private List<String> names(String query) {
        ApiClient.Response response = api.get("/api/v1/monitors?size=200&" + query);
        assertThat(response.status()).as("%s → %s", query, response).isEqualTo(200);
        return response.json().get("items").valueStream().map(m -> m.get("name").asString()).toList();
    }

    private String monitor(String name, String url, List<String> tags, String group, List<String> regions) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "HTTP", "url", url, "tagIds", tags,
                "regions", regions));
        if (group != null) {
            body.put("groupId", group);
        }
        return id(api.post("/api/v1/monitors", body));
    }

    private static String id(ApiClient.Response response) {
        return Tenant.require(response, 201).json().get("id").asString();
    }
}
