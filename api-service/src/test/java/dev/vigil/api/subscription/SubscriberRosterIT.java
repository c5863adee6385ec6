package dev.vigil.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A status page's subscribers as its workspace sees them through the API: listed newest first and by state,
 * counted, a webhook shown by its origin only, removed with an audit entry that keeps no address; other workspaces,
 * other pages' subscribers and viewers who would remove are refused, and bad input changes nothing.
 */
@ApiServiceTest
class SubscriberRosterIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient.Response subscribe(String slug, String body) {
        ApiClient client = new ApiClient(port);
        return client.send(client.request("/status/" + slug + "/subscribe")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A public page with two components, Checkout and Search; answers its id and slug. */
    private String[] page(ApiClient api) {
        String checkout = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("checkout")).json().get("id")
                .asString();
        String search = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("search")).json().get("id")
                .asString();
        String slug = "roster-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Tenant.require(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop",
                "components", List.of(Map.of("name", "Checkout", "monitorId", checkout),
                        Map.of("name", "Search", "monitorId", search)))), 201).json().get("id").asString();
        return new String[] {id, slug};
    }

    @Test
    void subscribersAreListedByStateCountedAndRemovedWithoutKeepingTheirAddress() {
        Tenant tenant = Tenant.create(port);
        ApiClient owner = tenant.owner();
        String[] page = page(owner);
        String base = "/api/v1/status-pages/" + page[0] + "/subscribers";
        UUID search = jdbc.sql("SELECT id FROM status_page_components WHERE page_id = ? AND name = 'Search'")
                .param(UUID.fromString(page[0])).query(UUID.class).single();
        String ann = "ann-" + UUID.randomUUID() + "@example.com";
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        assertThat(subscribe(page[1], "email=" + enc(ann)).status()).isEqualTo(202);
        assertThat(subscribe(page[1], "email=" + enc(bob) + "&components=" + search).status()).isEqualTo(202);
        assertThat(subscribe(page[1], "webhook=" + enc("https://hooks.example.com:8443/in/s3cr3t-path?token=t0k3n"))
                .status()).isEqualTo(202);
        jdbc.sql("UPDATE status_page_subscribers SET confirmed_at = now() WHERE email = ?").param(ann).update();
        // Subscribed in this order a second apart: the list is newest first.
        jdbc.sql("""
                        UPDATE status_page_subscribers SET created_at = now() - make_interval(secs => CASE
                            WHEN email = :ann THEN 30 WHEN email = :bob THEN 20 ELSE 10 END)
                        WHERE page_id = :page""").param("ann", ann).param("bob", bob)
                .param("page", UUID.fromString(page[0])).update();

        ApiClient.Response all = owner.get(base);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).doesNotContain("s3cr3t").doesNotContain("t0k3n");
        List<JsonNode> items = all.json().get("items").valueStream().toList();
        assertThat(all.json().get("total").asLong()).isEqualTo(3);
        assertThat(items).extracting(i -> i.get("kind").asString()).containsExactly("WEBHOOK", "EMAIL", "EMAIL");
        assertThat(items.get(0).get("webhookOrigin").asString()).isEqualTo("https://hooks.example.com:8443");
        assertThat(items.get(1).get("email").asString()).isEqualTo(bob);
        assertThat(items.get(1).get("allComponents").asBoolean()).isFalse();
        assertThat(items.get(1).at("/components/0/name").asString()).isEqualTo("Search");
        assertThat(items.get(2).get("email").asString()).isEqualTo(ann);
        assertThat(items.get(2).get("allComponents").asBoolean()).isTrue();
        assertThat(items.get(2).get("confirmed").asBoolean()).isTrue();
        assertThat(items.get(2).get("confirmedAt").isNull()).isFalse();
        assertThat(owner.get(base + "?status=confirmed").json().get("items").valueStream()
                .map(i -> i.get("email").asString()).toList()).containsExactly(ann);
        assertThat(owner.get(base + "?status=PENDING").json().get("total").asLong()).isEqualTo(2);
        assertThat(owner.get(base + "?size=2&page=1").json().get("items").size()).isEqualTo(1);
        assertThat(owner.get(base + "?size=2").json().get("total").asLong()).isEqualTo(3);
        JsonNode counts = owner.get(base + "/counts").json();
        assertThat(counts.get("confirmed").asLong()).isEqualTo(1);
        assertThat(counts.get("pending").asLong()).isEqualTo(2);
        ApiClient.Response badState = owner.get(base + "?status=bounced");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.errorFields()).containsExactly("status");

        String annId = items.get(2).get("id").asString();
        ApiClient.Response viewed = tenant.viewer().get(base);
        assertThat(viewed.status()).as("viewers read").isEqualTo(200);
        assertThat(viewed.body()).as("but see no address").doesNotContain(ann).doesNotContain(bob)
                .contains("a\u2026@example.com").contains("b\u2026@example.com");
        assertThat(tenant.viewer().get(base + "/" + items.get(2).get("id").asString()).json().get("email")
                .asString()).isEqualTo("a\u2026@example.com");
        assertThat(tenant.viewer().delete(base + "/" + annId).status()).as("viewers do not remove").isEqualTo(403);
        assertThat(owner.delete(base + "/" + annId).status()).isEqualTo(204);
        assertThat(owner.delete(base + "/" + annId).status()).isEqualTo(404);
        assertThat(owner.get(base + "/" + annId).status()).isEqualTo(404);
        assertThat(owner.get(base + "/counts").json().get("confirmed").asLong()).isZero();
        List<String> audit = jdbc.sql("""
                        SELECT summary::text FROM audit_events WHERE workspace_id = ?
                          AND action = 'status_page.subscriber_removed'""")
                .param(tenant.workspaceId()).query(String.class).list();
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).contains(annId).contains("EMAIL").doesNotContain(ann);
    }

    @Test
    void anotherWorkspaceOrPageNeverReachesTheSubscribers() {
        ApiClient ours = new ApiClient(port).signUp();
        ApiClient theirs = new ApiClient(port).signUp();
        String[] ourPage = page(ours);
        String[] theirPage = page(theirs);
        String[] ourOtherPage = page(ours);
        assertThat(subscribe(ourPage[1], "email=" + enc("carl-" + UUID.randomUUID() + "@example.com")).status())
                .isEqualTo(202);
        String base = "/api/v1/status-pages/" + ourPage[0] + "/subscribers";
        String carl = ours.get(base).json().at("/items/0/id").asString();

        assertThat(theirs.get(base).status()).isEqualTo(404);
        assertThat(theirs.get(base + "/counts").status()).isEqualTo(404);
        assertThat(theirs.delete(base + "/" + carl).status()).isEqualTo(404);
        assertThat(theirs.delete("/api/v1/status-pages/" + theirPage[0] + "/subscribers/" + carl).status())
                .as("their page, our subscriber").isEqualTo(404);
        assertThat(ours.delete("/api/v1/status-pages/" + ourOtherPage[0] + "/subscribers/" + carl).status())
                .as("our other page").isEqualTo(404);
        assertThat(ours.get(base + "/not-a-uuid").status()).isEqualTo(400);
        assertThat(ours.get(base + "?size=500").status()).isEqualTo(400);
        assertThat(ours.get(base).json().get("total").asLong()).as("still subscribed").isEqualTo(1);
    }

    @Test
    void aWebhooksOriginKeepsNothingButSchemeHostAndPort() {
        assertThat(SubscriberRoster.origin("https://hooks.example.com/a/b?c=d")).isEqualTo("https://hooks.example.com");
        assertThat(SubscriberRoster.origin("http://[2001:db8::1]:8080/x")).isEqualTo("http://[2001:db8::1]:8080");
        assertThat(SubscriberRoster.origin("not a url")).isEqualTo("(a webhook)");
        assertThat(SubscriberRoster.origin(null)).isNull();
    }
}
