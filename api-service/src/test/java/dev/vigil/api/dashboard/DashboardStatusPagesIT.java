package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The status page editor and incident updates over real HTTP: pages created, edited, their components added,
 * reordered and removed through the form with the API's own validation, the password never in a page, delete after
 * confirmation, CSRF, viewers, another workspace's page a 404, and what the public page then shows.
 */
@ApiServiceTest
class DashboardStatusPagesIT {

    private static final String PASSWORD = "dashboard-page-secret-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private String monitor(ApiClient api, String name) {
        return api.post("/api/v1/monitors", ApiEndpoints.httpMonitor(name)).json().get("id").asString();
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> publicComponents(ApiClient anonymous, String slug) {
        return anonymous.get("/status/" + slug + "/summary.json").json().get("components").valueStream()
                .map(c -> c.get("name").asString()).toList();
    }

    @Test
    void createsEditsOrdersAndDeletesAPageThroughTheForms() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("sp-" + UUID.randomUUID() + "@example.com"));
        ApiClient anonymous = new ApiClient(port);
        String web = monitor(api, "Web server");
        String db = monitor(api, "Database");
        String search = monitor(api, "Search engine");
        String slug = slug("shop");

        assertThat(browser.get("/app/monitors").body()).contains("href=\"/app/status-pages\"");
        DashboardSession.Page blank = browser.get("/app/status-pages/new");
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.body()).contains("Web server").contains("Database").contains("components[0].name");

        // Adding a row re-renders the form, unsaved, with one more row.
        Map<String, String> form = new LinkedHashMap<>(Map.of("slug", slug, "title", "Shop status",
                "description", "All about the shop", "components[0].name", "Website",
                "components[0].monitorId", web, "components[0].group", "Front", "components[0].order", "1"));
        DashboardSession.Page added = browser.post("/app/status-pages", with(form, "op", "add"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains("components[1].name").contains("value=\"Website\"");
        assertThat(api.get("/api/v1/status-pages").json().get("items").size()).isZero();

        form.putAll(Map.of("components[1].name", "Data", "components[1].monitorId", db,
                "components[1].order", "2", "password", PASSWORD));
        DashboardSession.Page created = browser.post("/app/status-pages", form);
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        String id = created.location().split("/")[3];
        JsonNode page = api.get("/api/v1/status-pages/" + id).json();
        assertThat(page.get("slug").asString()).isEqualTo(slug);
        assertThat(page.get("passwordProtected").asBoolean()).isTrue();
        assertThat(page.get("components").valueStream().map(c -> c.get("name").asString()).toList())
                .containsExactly("Website", "Data");

        DashboardSession.Page edit = browser.get(created.location());
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("Status page &quot;Shop status&quot; created.")
                .contains("value=\"" + slug + "\"")
                .contains("A password is set").contains("href=\"/status/" + slug + "\"")
                .doesNotContain(PASSWORD);
        assertThat(browser.get("/app/status-pages").body()).contains("Shop status").contains("/status/" + slug)
                .contains("Private");

        // Edit: blank password keeps it; a third component goes first by its order number; the page goes public.
        Map<String, String> edited = new LinkedHashMap<>(Map.of("slug", slug, "title", "Shop status",
                "description", "Edited", "components[0].name", "Website", "components[0].monitorId", web,
                "components[0].order", "2", "components[1].name", "Data", "components[1].monitorId", db,
                "components[1].order", "3", "components[2].name", "Search"));
        edited.put("components[2].monitorId", search);
        edited.put("components[2].order", "1");
        edited.put("password", "");
        assertThat(browser.post("/app/status-pages/" + id, edited).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/status-pages/" + id).json().get("passwordProtected").asBoolean()).isTrue();
        edited.put("removePassword", "true");
        assertThat(browser.post("/app/status-pages/" + id, edited).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/status-pages/" + id).json().get("passwordProtected").asBoolean()).isFalse();
        assertThat(publicComponents(anonymous, slug)).containsExactly("Search", "Website", "Data");

        // Move and remove buttons rearrange the rows in the form; saving publishes that order.
        browser.get("/app/status-pages/" + id + "/edit");
        Map<String, String> rows = new LinkedHashMap<>(Map.of("slug", slug, "title", "Shop status",
                "components[0].name", "Search", "components[0].monitorId", search,
                "components[1].name", "Website", "components[1].monitorId", web,
                "components[2].name", "Data", "components[2].monitorId", db));
        DashboardSession.Page moved = browser.post("/app/status-pages/" + id, with(rows, "op", "down:0"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(order(moved.body(), "Search", "Website", "Data")).containsExactly("Website", "Search", "Data");
        DashboardSession.Page up = browser.post("/app/status-pages/" + id, with(rows, "op", "up:2"));
        assertThat(order(up.body(), "Search", "Website", "Data")).containsExactly("Search", "Data", "Website");
        DashboardSession.Page removed = browser.post("/app/status-pages/" + id, with(rows, "op", "remove:1"));
        assertThat(removed.body()).contains("value=\"Search\"").contains("value=\"Data\"")
                .doesNotContain("value=\"Website\"");
        assertThat(publicComponents(anonymous, slug)).as("row operations save nothing")
                .containsExactly("Search", "Website", "Data");
        Map<String, String> reordered = new LinkedHashMap<>(Map.of("slug", slug, "title", "Shop status",
                "components[0].name", "Data", "components[0].monitorId", db,
                "components[1].name", "Search", "components[1].monitorId", search, "components[1].group", "Back"));
        assertThat(browser.post("/app/status-pages/" + id, reordered).status()).isEqualTo(302);
        assertThat(publicComponents(anonymous, slug)).containsExactly("Data", "Search");
        assertThat(anonymous.get("/status/" + slug).body()).contains("Data").contains("Search").contains("Back");

        assertThat(browser.get("/app/status-pages/" + id + "/delete").body()).contains("Delete status page");
        assertThat(browser.post("/app/status-pages/" + id + "/delete", Map.of()).location())
                .isEqualTo("/app/status-pages");
        assertThat(api.get("/api/v1/status-pages/" + id).status()).isEqualTo(404);
        assertThat(anonymous.get("/status/" + slug).status()).isEqualTo(404);
        assertThat(browser.get("/app/status-pages").body()).contains("No status pages yet");
    }

    @Test
    void showsTheApisValidationMessagesNextToTheFields() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("spv-" + UUID.randomUUID() + "@example.com"));
        String web = monitor(api, "Web");
        Tenant other = Tenant.create(port);
        String theirs = monitor(other.owner(), "Theirs");
        browser.get("/app/status-pages/new");

        DashboardSession.Page bad = browser.post("/app/status-pages", Map.of("slug", "Not A Slug", "title", "",
                "logoUrl", "javascript:alert(1)", "customDomain", "not a domain", "password", "short",
                "allowedIps", "10.0.0.0/33\nexample.com", "components[0].name", "",
                "components[0].monitorId", web));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"slug-error\"").contains("id=\"title-error\"")
                .contains("id=\"logoUrl-error\"").contains("id=\"customDomain-error\"")
                .contains("id=\"password-error\"").contains("password must be at least 8 characters")
                .contains("id=\"allowedIps-error\"").contains("CIDR range")
                .contains("id=\"c0-error\"").contains("aria-describedby=\"slug-help slug-error\"")
                .doesNotContain("value=\"short\"");

        DashboardSession.Page foreign = browser.post("/app/status-pages", Map.of("slug", slug("x"), "title", "X",
                "components[0].name", "Theirs", "components[0].monitorId", theirs));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body()).contains("id=\"components-error\"").contains(theirs);
        assertThat(api.get("/api/v1/status-pages").json().get("items").size()).isZero();

        String taken = slug("taken");
        assertThat(other.owner().post("/api/v1/status-pages", Map.of("slug", taken, "title", "Theirs",
                "components", List.of())).status()).isEqualTo(201);
        DashboardSession.Page conflict = browser.post("/app/status-pages", Map.of("slug", taken, "title", "Mine"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("id=\"slug-error\"");
        assertThat(api.get("/api/v1/status-pages").json().get("items").size()).isZero();
    }

    @Test
    void csrfViewersAndOtherWorkspacesAreRefused() {
        Tenant tenant = Tenant.create(port);
        String monitor = monitor(tenant.owner(), "Ours");
        String slug = slug("ours");
        String id = tenant.owner().post("/api/v1/status-pages", Map.of("slug", slug, "title", "Ours",
                "password", PASSWORD, "components", List.of(Map.of("name", "Ours", "monitorId", monitor))))
                .json().get("id").asString();

        DashboardSession owner = new DashboardSession(port);
        owner.signUp("spcsrf-" + UUID.randomUUID() + "@example.com");
        owner.get("/app/status-pages/new");
        assertThat(owner.postRaw("/app/status-pages", Map.of("slug", slug("nocsrf"), "title", "No token"))
                .status()).isEqualTo(403);

        for (String path : List.of("", "/edit", "/delete")) {
            assertThat(owner.get("/app/status-pages/" + id + path).status()).as(path).isEqualTo(404);
        }
        owner.get("/app/status-pages");
        for (String path : List.of("", "/delete")) {
            assertThat(owner.post("/app/status-pages/" + id + path, Map.of("slug", slug, "title", "Mine"))
                    .status()).as(path).isEqualTo(404);
        }
        assertThat(owner.get("/app/status-pages").body()).doesNotContain(slug);
        assertThat(owner.get("/app/status-pages").body()).contains("No status pages yet");

        DashboardSession viewer = DashboardSession.memberOf(port, tenant, "VIEWER");
        DashboardSession.Page list = viewer.get("/app/status-pages");
        assertThat(list.body()).contains("Ours").contains("/status/" + slug).doesNotContain("id=\"new-status-page\"");
        DashboardSession.Page detail = viewer.get("/app/status-pages/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("Ours").doesNotContain(PASSWORD);
        assertThat(viewer.get("/app/status-pages/new").status()).isEqualTo(403);
        assertThat(viewer.get("/app/status-pages/" + id + "/edit").status()).isEqualTo(403);
        assertThat(viewer.get("/app/status-pages/" + id + "/delete").status()).isEqualTo(403);
        assertThat(viewer.post("/app/status-pages", Map.of("slug", slug("v"), "title", "V")).status())
                .isEqualTo(403);
        assertThat(viewer.post("/app/status-pages/" + id, Map.of("slug", slug, "title", "Viewer's")).status())
                .isEqualTo(403);
        assertThat(viewer.post("/app/status-pages/" + id + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(tenant.owner().get("/api/v1/status-pages/" + id).json().get("title").asString())
                .isEqualTo("Ours");
    }

    @Test
    void anIncidentUpdatePostedFromTheDashboardIsOnThePublicPage() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("spi-" + UUID.randomUUID() + "@example.com"));
        UUID workspace = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        String monitor = monitor(api, "Checkout");
        UUID incident = new Tenant(workspace, null, api, null, null, null)
                .addOpenIncident(jdbc, UUID.fromString(monitor));
        String slug = slug("inc");
        browser.get("/app/status-pages/new");
        assertThat(browser.post("/app/status-pages", Map.of("slug", slug, "title", "Incidents",
                "components[0].name", "Payments", "components[0].monitorId", monitor)).status()).isEqualTo(302);

        DashboardSession.Page detail = browser.get("/app/incidents/" + incident);
        assertThat(detail.body()).contains("id=\"post-update\"").contains("No update posted yet");
        DashboardSession.Page invalid = browser.post("/app/incidents/" + incident + "/updates",
                Map.of("status", "fixed", "message", ""));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("id=\"status-error\"").contains("id=\"message-error\"");
        DashboardSession.Page posted = browser.post("/app/incidents/" + incident + "/updates",
                Map.of("status", "identified", "message", "Card processor <b>outage</b>"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).isEqualTo("/app/incidents/" + incident);
        DashboardSession.Page after = browser.get(posted.location());
        assertThat(after.body()).contains("Card processor &lt;b&gt;outage&lt;/b&gt;").contains("identified");

        String publicPage = new ApiClient(port).get("/status/" + slug).body();
        assertThat(publicPage).contains("Payments").contains("Card processor &lt;b&gt;outage&lt;/b&gt;");
        JsonNode summary = new ApiClient(port).get("/status/" + slug + "/summary.json").json();
        assertThat(summary.get("incidents").get(0).get("status").asString()).isEqualTo("identified");

        // Another workspace's incident: 404; a viewer: 403.
        Tenant other = Tenant.create(port);
        UUID theirs = other.addOpenIncident(jdbc, UUID.fromString(monitor(other.owner(), "Theirs")));
        assertThat(browser.get("/app/incidents/" + theirs).status()).isEqualTo(404);
        browser.get("/app/incidents/" + incident);
        assertThat(browser.post("/app/incidents/" + theirs + "/updates", Map.of("status", "identified",
                "message", "Not mine")).status()).isEqualTo(404);
        DashboardSession viewer = DashboardSession.memberOf(port, other, "VIEWER");
        DashboardSession.Page seen = viewer.get("/app/incidents/" + theirs);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("id=\"post-update\"");
        assertThat(viewer.post("/app/incidents/" + theirs + "/updates", Map.of("status", "identified",
                "message", "Viewer's")).status()).isEqualTo(403);
        assertThat(other.owner().get("/api/v1/incidents/" + theirs + "/updates").json().get("items").size())
                .isZero();
    }

    /**
     * "Add the group's monitors": a monitor group (with its subgroup) becomes rows under the group's path, unsaved,
     * replacing the blank row a new form starts with; saved, the public page shows them as one component group.
     * Another workspace's group, or no group, adds nothing and says so next to the select.
     */
    @Test
    void aMonitorGroupBecomesAComponentGroupThroughTheForm() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("spg-" + UUID.randomUUID() + "@example.com"));
        String eu = api.post("/api/v1/monitor-groups", Map.of("name", "EU")).json().get("id").asString();
        String checkout = api.post("/api/v1/monitor-groups", Map.of("name", "Checkout", "parentId", eu)).json()
                .get("id").asString();
        String web = grouped(api, "Web", eu);
        String cart = grouped(api, "Cart", checkout);
        monitor(api, "Ungrouped");
        Tenant other = Tenant.create(port);
        String theirs = other.owner().post("/api/v1/monitor-groups", Map.of("name", "Theirs")).json().get("id")
                .asString();
        grouped(other.owner(), "Their secret", theirs);
        String slug = slug("grp");

        DashboardSession.Page blank = browser.get("/app/status-pages/new");
        assertThat(blank.body()).contains("id=\"add-group-components\"").contains(">EU / Checkout<");
        Map<String, String> form = new LinkedHashMap<>(Map.of("slug", slug, "title", "Regions",
                "components[0].name", "", "components[0].monitorId", "", "components[0].order", "1"));
        DashboardSession.Page added = browser.post("/app/status-pages", with(with(form, "op", "add-group"),
                "monitorGroup", eu));
        assertThat(added.status()).isEqualTo(200);
        assertThat(order(added.body(), "Cart", "Web")).containsExactly("Cart", "Web");
        assertThat(added.body()).contains("name=\"components[0].name\" value=\"Cart\"")
                .contains("name=\"components[1].name\" value=\"Web\"")
                .contains("name=\"components[0].group\" value=\"EU\"")
                .doesNotContain("components[2].name").doesNotContain("Ungrouped\"");
        assertThat(api.get("/api/v1/status-pages").json().get("items").size()).as("nothing saved yet").isZero();

        for (String group : List.of(theirs, "not-an-id")) {
            DashboardSession.Page refused = browser.post("/app/status-pages", with(with(form, "op", "add-group"),
                    "monitorGroup", group));
            assertThat(refused.status()).as(group).isEqualTo(422);
            assertThat(refused.body()).contains("id=\"monitor-group-error\"")
                    .contains("aria-describedby=\"monitor-group-help monitor-group-error\"")
                    .doesNotContain("Their secret").doesNotContain("value=\"Cart\"");
        }

        Map<String, String> rows = new LinkedHashMap<>(Map.of("slug", slug, "title", "Regions",
                "components[0].name", "Cart", "components[0].monitorId", cart, "components[0].group", "EU",
                "components[1].name", "Web", "components[1].monitorId", web, "components[1].group", "EU"));
        assertThat(browser.post("/app/status-pages", rows).status()).isEqualTo(302);
        JsonNode summary = new ApiClient(port).get("/status/" + slug + "/summary.json").json();
        assertThat(summary.get("components").valueStream()
                .map(c -> c.get("group").asString() + ": " + c.get("name").asString()).toList())
                .containsExactly("EU: Cart", "EU: Web");
    }

    private String grouped(ApiClient api, String name, String group) {
        Map<String, Object> body = new java.util.HashMap<>(ApiEndpoints.httpMonitor(name));
        body.put("groupId", group);
        return api.post("/api/v1/monitors", body).json().get("id").asString();
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    /** The names as the form's rows show them, in page order. */
    private static List<String> order(String body, String... names) {
        return java.util.Arrays.stream(names).sorted(java.util.Comparator.comparingInt(
                n -> body.indexOf("value=\"" + n + "\""))).toList();
    }

    /**
     * A page's subscribers in the dashboard: counted on the editor, listed by state, one removed after a
     * confirmation; a viewer reads the list without a way to remove, and another workspace gets a 404.
     */
    @Test
    void subscribersAreListedAndOneIsRemovedAfterAConfirmation() {
        Tenant tenant = Tenant.create(port);
        String monitor = monitor(tenant.owner(), "Checkout");
        String slug = slug("subs");
        String id = tenant.owner().post("/api/v1/status-pages", Map.of("slug", slug, "title", "Subscribed shop",
                "components", List.of(Map.of("name", "Checkout", "monitorId", monitor)))).json().get("id").asString();
        String ann = "ann-" + UUID.randomUUID() + "@example.com";
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        for (String address : List.of(ann, bob)) {
            ApiClient anonymous = new ApiClient(port);
            assertThat(anonymous.send(anonymous.request("/status/" + slug + "/subscribe")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=" + address))).status())
                    .isEqualTo(202);
        }
        jdbc.sql("UPDATE status_page_subscribers SET confirmed_at = now() WHERE email = ?").param(ann).update();
        String bobId = jdbc.sql("SELECT id::text FROM status_page_subscribers WHERE email = ?").param(bob)
                .query(String.class).single();
        DashboardSession browser = DashboardSession.memberOf(port, tenant, "ADMIN");
        String list = "/app/status-pages/" + id + "/subscribers";

        assertThat(browser.get("/app/status-pages/" + id + "/edit").body()).contains("id=\"subscribers-link\"")
                .contains("Subscribers (1)");
        DashboardSession.Page all = browser.get(list);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(ann).contains(bob).containsPattern("<strong>1</strong> confirmed")
                .containsPattern("<strong>1</strong> waiting for confirmation").contains("id=\"remove-" + bobId);
        assertThat(browser.get(list + "?status=confirmed").body()).contains(ann).doesNotContain(bob);
        assertThat(browser.get(list + "?status=bounced").status()).isEqualTo(400);
        assertThat(browser.get(list + "/" + bobId + "/delete").body()).contains("Remove subscriber").contains(bob);
        DashboardSession.Page removed = browser.post(list + "/" + bobId + "/delete", Map.of());
        assertThat(removed.status()).isEqualTo(302);
        assertThat(removed.location()).isEqualTo(list);
        assertThat(browser.get(list).body()).contains("Subscriber " + bob + " removed.").contains(ann)
                .doesNotContain("remove-" + bobId);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE email = ?").param(bob)
                .query(Long.class).single()).isZero();

        DashboardSession viewer = DashboardSession.memberOf(port, tenant, "VIEWER");
        assertThat(viewer.get("/app/status-pages/" + id).body()).contains("Subscribers (1)");
        assertThat(viewer.get(list).body()).contains("a\u2026@example.com").doesNotContain(ann)
                .doesNotContain("id=\"remove-");
        String annId = jdbc.sql("SELECT id::text FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(String.class).single();
        assertThat(viewer.get(list + "/" + annId + "/delete").status()).isEqualTo(403);
        assertThat(viewer.post(list + "/" + annId + "/delete", Map.of()).status()).isEqualTo(403);

        DashboardSession stranger = new DashboardSession(port);
        stranger.signUp("spsubx-" + UUID.randomUUID() + "@example.com");
        assertThat(stranger.get(list).status()).isEqualTo(404);
        stranger.get("/app/status-pages");
        assertThat(stranger.post(list + "/" + annId + "/delete", Map.of()).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** The subscriber list and the audit log share their pager: newer and older pages, numbered. */
    @Test
    void longListsArePagedNewestFirst() {
        Tenant tenant = Tenant.create(port);
        String monitor = monitor(tenant.owner(), "Checkout");
        String id = tenant.owner().post("/api/v1/status-pages", Map.of("slug", slug("many"), "title", "Many",
                "components", List.of(Map.of("name", "Checkout", "monitorId", monitor)))).json().get("id").asString();
        jdbc.sql("""
                        INSERT INTO status_page_subscribers (id, page_id, email, confirm_token_hash, unsubscribe_token,
                                                             created_at)
                        SELECT gen_random_uuid(), ?, 'reader' || n || '@example.com', gen_random_uuid()::text::bytea,
                               gen_random_uuid()::text, now() - make_interval(mins => n)
                        FROM generate_series(1, 55) AS n""").param(UUID.fromString(id)).update();
        jdbc.sql("""
                        INSERT INTO audit_events (id, workspace_id, occurred_at, actor_label, action, resource_type)
                        SELECT gen_random_uuid(), ?, now() - make_interval(mins => n), 'test', 'tag.created', 'TAG'
                        FROM generate_series(1, 30) AS n""").param(tenant.workspaceId()).update();
        DashboardSession browser = DashboardSession.memberOf(port, tenant, "ADMIN");
        String list = "/app/status-pages/" + id + "/subscribers";

        DashboardSession.Page first = browser.get(list);
        DashboardSession.Page second = browser.get(list + "?page=1");
        DashboardSession.Page audit = browser.get("/app/audit");
        DashboardSession.Page olderAudit = browser.get("/app/audit?page=1");

        assertThat(first.body()).contains("Page 1 of 2").contains("id=\"subscribers-older\"")
                .doesNotContain("id=\"subscribers-newer\"").contains("reader1@example.com")
                .doesNotContain("reader55@example.com");
        assertThat(second.body()).contains("Page 2 of 2").contains("id=\"subscribers-newer\"")
                .contains("reader55@example.com").doesNotContain("reader1@example.com");
        assertThat(audit.body()).contains("Page 1 of 2").contains("id=\"audit-older\"");
        assertThat(olderAudit.body()).contains("Page 2 of 2").contains("id=\"audit-newer\"");
    }
}
