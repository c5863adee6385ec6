package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/**
 * The public side of status pages against a workspace in a known state: one component up, one degraded, one down with
 * an open incident and its updates, one under maintenance, a past incident and an upcoming window.
 */
@ApiServiceTest
class PublicStatusPageIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** The world of one test: its owner, page slug, incident and component ids. */
    private record World(ApiClient api, String slug, String pageId, UUID incident, Map<String, String> components) {
    }

    private World world(Map<String, Object> extra) {
        ApiClient api = new ApiClient(port).signUp();
        UUID workspace = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        UUID web = monitor(api, "web", "UP", null);
        UUID search = monitor(api, "search", "DEGRADED", null);
        UUID checkout = monitor(api, "checkout", "DOWN", NOW.minus(Duration.ofHours(2)));
        UUID reports = monitor(api, "reports", "UP", null);
        UUID incident = incident(workspace, checkout, NOW.minus(Duration.ofHours(2)), null);
        UUID past = incident(workspace, web, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3))
                .plus(Duration.ofMinutes(30)));
        jdbc.sql("""
                        INSERT INTO incident_updates (id, incident_id, workspace_id, status, message, author_label,
                                                      created_at) VALUES (?, ?, ?, 'resolved', 'CDN fixed.', 'x', ?)""")
                .params(UUID.randomUUID(), past, workspace, Timestamp.from(NOW.minus(Duration.ofDays(3)))).update();
        assertThat(api.post("/api/v1/incidents/" + incident + "/updates", Map.of("status", "identified",
                "message", "Payments <provider> is failing")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/maintenances", Map.of("title", "Reports rebuild", "monitorIds",
                List.of(reports.toString()), "startsAt", NOW.minus(Duration.ofMinutes(10)).toString(),
                "endsAt", NOW.plus(Duration.ofHours(1)).toString())).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/maintenances", Map.of("title", "Web upgrade", "monitorIds",
                List.of(web.toString()), "startsAt", NOW.plus(Duration.ofDays(2)).toString(),
                "endsAt", NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString())).status())
                .isEqualTo(201);
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> page = new java.util.HashMap<>(Map.of("slug", slug, "title", "Shop & Co",
                "description", "Everything about the shop", "components", List.of(
                        Map.of("name", "Website", "monitorId", web.toString(), "group", "Storefront"),
                        Map.of("name", "Search", "monitorId", search.toString(), "group", "Storefront"),
                        Map.of("name", "Checkout", "monitorId", checkout.toString(), "group", "Payments"),
                        Map.of("name", "Reports", "monitorId", reports.toString()))));
        page.putAll(extra);
        ApiClient.Response created = api.post("/api/v1/status-pages", page);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Map<String, String> components = new java.util.HashMap<>();
        created.json().get("components").forEach(c -> components.put(c.get("name").asString(),
                c.get("id").asString()));
        return new World(api, slug, created.json().get("id").asString(), incident, components);
    }

    private UUID monitor(ApiClient api, String name, String status, Instant since) {
        UUID id = UUID.fromString(api.post("/api/v1/monitors", ApiEndpoints.httpMonitor(name)).json().get("id")
                .asString());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(id).query(UUID.class)
                .single();
        jdbc.sql("INSERT INTO monitor_states (monitor_id, status) VALUES (?, ?)").params(id, status).update();
        transition(id, workspace, "PENDING", "UP", NOW.minus(Duration.ofDays(10)));
        if (since != null) {
            transition(id, workspace, "UP", status, since);
        }
        return id;
    }

    private void transition(UUID monitor, UUID workspace, String from, String to, Instant at) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        VALUES (?, ?, ?, ?, ?, 'test')""")
                .params(monitor, workspace, from, to, Timestamp.from(at)).update();
    }

    private UUID incident(UUID workspace, UUID monitor, Instant started, Instant resolved) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at,
                                               cause, regions)
                        VALUES (?, ?, ?, 'DOWN', ?, ?, ?, 'HTTP status 503', '{local-a}')""")
                .params(id, workspace, monitor, resolved == null ? "OPEN" : "RESOLVED", Timestamp.from(started),
                        resolved == null ? null : Timestamp.from(resolved))
                .update();
        return id;
    }

    private ApiClient.Response get(String path, String... headers) {
        HttpRequest.Builder request = new ApiClient(port).request(path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new ApiClient(port).send(request.GET());
    }

    @Test
    void summaryJsonTellsComponentsIncidentsAndMaintenanceInTheStatuspageShape() {
        World world = world(Map.of());

        ApiClient.Response response = get("/status/" + world.slug() + "/summary.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode summary = response.json();
        assertThat(summary.get("page").get("slug").asString()).isEqualTo(world.slug());
        assertThat(summary.get("page").get("title").asString()).isEqualTo("Shop & Co");
        assertThat(summary.get("status").get("indicator").asString()).isEqualTo("major");
        assertThat(summary.get("status").get("description").asString()).isEqualTo("Partial System Outage");
        assertThat(summary.get("components").valueStream().map(c -> c.get("name").asString() + "="
                + c.get("status").asString()).toList()).containsExactly("Website=operational",
                "Search=degraded_performance", "Checkout=major_outage", "Reports=under_maintenance");
        JsonNode checkout = summary.get("components").get(2);
        assertThat(checkout.get("group").asString()).isEqualTo("Payments");
        assertThat(checkout.get("uptime90d").asDouble()).isBetween(95.0, 99.9);
        assertThat(summary.get("components").get(0).get("uptime90d").asDouble()).isEqualTo(100.0);
        JsonNode incidents = summary.get("incidents");
        assertThat(incidents.size()).isEqualTo(1);
        assertThat(incidents.get(0).get("status").asString()).isEqualTo("identified");
        assertThat(incidents.get(0).get("components").get(0).asString()).isEqualTo("Checkout");
        assertThat(incidents.get(0).get("updates").get(0).get("body").asString())
                .isEqualTo("Payments <provider> is failing");
        assertThat(summary.get("scheduledMaintenances").valueStream().map(m -> m.get("name").asString() + "="
                + m.get("status").asString()).toList()).containsExactly("Reports rebuild=in_progress",
                "Web upgrade=scheduled");
        assertThat(response.body()).doesNotContain("monitorId").doesNotContain("workspace");
    }

    @Test
    void thePageShowsEverythingWithoutJavaScriptInBothThemes() {
        World world = world(Map.of());

        ApiClient.Response page = get("/status/" + world.slug());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.body();
        assertThat(html).doesNotContain("<script").contains("prefers-color-scheme:dark")
                .contains("Shop &amp; Co").contains("Partial System Outage")
                .contains("Storefront").contains("Payments").contains("Degraded performance")
                .contains("Major outage").contains("Under maintenance")
                .contains("Payments &lt;provider&gt; is failing").doesNotContain("<provider>")
                .contains("Reports rebuild").contains("Web upgrade")
                .contains("action=\"/status/" + world.slug() + "/subscribe\"");
        // 90 bars for each of the 4 components, each with its tooltip.
        assertThat(Pattern.compile("<i class=\"(ok|minor|major|none)\" title=\"\\d{4}-\\d\\d-\\d\\d: ")
                .matcher(html).results().count()).isEqualTo(4 * 90);
        assertThat(html).contains(NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate() + ": ")
                .containsPattern("title=\"\\d{4}-\\d\\d-\\d\\d: 100.00% uptime\"");
        // A day with an incident names it in its tooltip, with its times.
        assertThat(html).containsPattern("title=\"\\d{4}-\\d\\d-\\d\\d: [^\"]*\nWebsite outage \\d\\d:\\d\\d");

        String history = get("/status/" + world.slug() + "/history").body();
        assertThat(history).contains("Website outage").contains("CDN fixed.").doesNotContain("Payments &lt;");
    }

    @Test
    void theRssFeedIsRss2WithTheSameItemsAsTheAtomFeed() throws Exception {
        World world = world(Map.of());

        ApiClient.Response feed = get("/status/" + world.slug() + "/feed.rss");

        assertThat(feed.contentType()).startsWith("application/rss+xml");
        Document rss = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(rss.getDocumentElement().getTagName()).isEqualTo("rss");
        assertThat(rss.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        org.w3c.dom.Element channel = (org.w3c.dom.Element) rss.getElementsByTagName("channel").item(0);
        assertThat(channel.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Shop & Co status");
        assertThat(channel.getElementsByTagName("link").item(0).getTextContent()).endsWith("/status/"
                + world.slug());
        org.w3c.dom.NodeList items = channel.getElementsByTagName("item");
        assertThat(items.getLength()).as("as many items as the Atom feed has entries").isEqualTo(4);
        java.util.List<java.time.ZonedDateTime> dates = new java.util.ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
            assertThat(item.getElementsByTagName("guid").item(0).getTextContent()).startsWith("urn:uuid:");
            dates.add(java.time.ZonedDateTime.parse(item.getElementsByTagName("pubDate").item(0).getTextContent(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME));
        }
        assertThat(dates).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(feed.body()).contains("Payments &lt;provider&gt; is failing").doesNotContain("<provider>");
    }

    @Test
    void aPageShowsItsFixedWordsInTheLanguageChosenForItAndTenantsTextAsWritten() {
        World world = world(Map.of("language", "de"));

        String html = get("/status/" + world.slug()).body();
        String history = get("/status/" + world.slug() + "/history").body();

        assertThat(html).contains("lang=\"de\"").contains("Teilweiser Systemausfall").contains("Schwerer Ausfall")
                .contains("In Wartung").contains("Aktuelle St\u00f6rungen").contains("Abonnieren")
                .contains("Geplante Wartungsarbeiten").contains("Payments &lt;provider&gt; is failing")
                .doesNotContain("Major outage").doesNotContain("??");
        assertThat(history).contains("St\u00f6rungsverlauf").contains("Behoben").doesNotContain("??");
        assertThat(world.api().get("/api/v1/status-pages/" + world.pageId()).json().get("language").asString())
                .isEqualTo("de");
        for (String language : java.util.List.of("fr", "es", "en")) {
            Map<String, Object> edited = new java.util.HashMap<>(Map.of("slug", world.slug(), "title", "Shop & Co",
                    "language", language, "components", List.of()));
            assertThat(world.api().put("/api/v1/status-pages/" + world.pageId(), edited).status()).isEqualTo(200);
            String page = get("/status/" + world.slug()).body();
            assertThat(page).as(language).contains("lang=\"" + language + "\"").doesNotContain("??");
        }
        ApiClient.Response refused = world.api().put("/api/v1/status-pages/" + world.pageId(),
                Map.of("slug", world.slug(), "title", "Shop & Co", "language", "xx", "components", List.of()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("language");
        assertThat(world.api().get("/api/v1/status-pages/" + world.pageId()).json().get("language").asString())
                .as("nothing changed on bad input").isEqualTo("en");
    }

    @Test
    void onlyTheWidgetMayBeFramedByOtherSites() {
        World world = world(Map.of());

        ApiClient.Response widget = get("/status/" + world.slug() + "/widget");
        ApiClient.Response page = get("/status/" + world.slug() + "/history");
        ApiClient.Response feed = get("/status/" + world.slug() + "/feed.rss");

        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.body()).doesNotContain("<script").doesNotContain("<form").contains("Checkout")
                .contains("Major outage").contains("target=\"_blank\"");
        assertThat(widget.header("Content-Security-Policy")).contains("frame-ancestors *")
                .contains("default-src 'none'");
        assertThat(widget.header("X-Frame-Options")).isNull();
        for (ApiClient.Response other : List.of(page, feed)) {
            assertThat(other.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(other.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void theFeedAndBadgesFollowTheSameState() throws Exception {
        World world = world(Map.of());

        ApiClient.Response feed = get("/status/" + world.slug() + "/feed.atom");
        ApiClient.Response status = get("/status/" + world.slug() + "/components/" + world.components()
                .get("Checkout") + "/status.svg");
        ApiClient.Response uptime = get("/status/" + world.slug() + "/components/" + world.components()
                .get("Website") + "/uptime.svg");
        ApiClient.Response overall = get("/status/" + world.slug() + "/badge.svg");

        assertThat(feed.contentType()).startsWith("application/atom+xml");
        Document atom = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(4);
        assertThat(feed.body()).contains("Checkout outage (Identified)").contains("Maintenance: Web upgrade");
        assertThat(status.contentType()).startsWith("image/svg+xml");
        assertThat(status.body()).contains("Checkout: major outage").contains("#d6403a");
        assertThat(uptime.body()).contains("uptime 90d: 100.00%");
        assertThat(overall.body()).contains("partial system outage");
        assertThat(get("/status/" + world.slug() + "/components/" + UUID.randomUUID() + "/status.svg").status())
                .isEqualTo(404);
        assertThat(get("/status/no-such-page-" + UUID.randomUUID().toString().substring(0, 6)).status())
                .isEqualTo(404);
    }

    @Test
    void responsesCarryAnEtagAnswer304AndChangeWhenAnAuthorPostsAnUpdate() throws Exception {
        World world = world(Map.of());
        String path = "/status/" + world.slug();

        ApiClient.Response first = get(path);
        ApiClient.Response again = get(path);
        String etag = first.header("ETag");
        ApiClient.Response notModified = get(path, "If-None-Match", etag);

        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=30");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(get(path + "/summary.json", "If-None-Match", etag).status()).as("another representation")
                .isEqualTo(200);
        assertThat(first.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(first.header("Vary")).isEqualTo("Accept-Encoding");

        java.net.http.HttpResponse<byte[]> gzipped = java.net.http.HttpClient.newHttpClient().send(
                new ApiClient(port).request(path).header("Accept-Encoding", "gzip").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipEtag).isNotEqualTo(etag);
        assertThat(new String(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipped.body()))
                .readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(first.body());
        assertThat(get(path, "If-None-Match", gzipEtag, "Accept-Encoding", "gzip").status()).isEqualTo(304);

        assertThat(world.api().post("/api/v1/incidents/" + world.incident() + "/updates", Map.of(
                "status", "monitoring", "message", "Fix deployed, watching")).status()).isEqualTo(201);

        ApiClient.Response changed = get(path, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.body()).contains("Fix deployed, watching");
        assertThat(get(path + "/summary.json").json().get("incidents").get(0).get("status").asString())
                .isEqualTo("monitoring");

        // Editing the page shows at once too.
        ApiClient.Response page = world.api().get("/api/v1/status-pages/" + world.pageId());
        Map<String, Object> edited = new java.util.HashMap<>(Map.of("slug", world.slug(), "title", "Renamed Co",
                "components", List.of()));
        assertThat(world.api().put("/api/v1/status-pages/" + world.pageId(), edited).status()).isEqualTo(200);
        assertThat(page.status()).isEqualTo(200);
        assertThat(get(path + "/summary.json").json().get("page").get("title").asString()).isEqualTo("Renamed Co");
        assertThat(get(path + "/summary.json").json().get("components").size()).isZero();
    }

    @Test
    void privatePagesTakeNoSubscribers() {
        World world = world(Map.of("password", "correct horse"));
        ApiClient client = new ApiClient(port);

        ApiClient.Response refused = client.send(client.request("/status/" + world.slug() + "/subscribe")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=ann@example.com")));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE page_id = ?::uuid")
                .param(world.pageId()).query(Long.class).single()).isZero();
    }

    @Test
    void aCustomDomainServesThePageAtItsRootAndNothingElse() {
        String domain = "status." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        World world = world(Map.of("customDomain", domain));
        // As if its TXT record had been found (CustomDomainVerificationIT checks it through DNS).
        jdbc.sql("UPDATE status_pages SET domain_verified_at = now() WHERE id = ?::uuid").param(world.pageId())
                .update();

        RawHttp.Response root = RawHttp.get(port, domain, "/");
        RawHttp.Response json = RawHttp.get(port, domain, "/summary.json");
        RawHttp.Response api = RawHttp.get(port, domain, "/api/v1/monitors");
        RawHttp.Response plain = RawHttp.get(port, "127.0.0.1", "/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body()).contains("Shop &amp; Co").contains("href=\"/history\"")
                .contains("action=\"/subscribe\"");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).contains("\"slug\":\"" + world.slug() + "\"");
        assertThat(RawHttp.get(port, domain.toUpperCase(), "/history").status()).isEqualTo(200);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.body()).doesNotContain("items");
        assertThat(plain.status()).isNotEqualTo(200);
    }

    @Test
    void aPasswordProtectedPageShowsOnlyItsFormUntilThePasswordIsGiven() {
        World world = world(Map.of("password", "correct horse"));
        String path = "/status/" + world.slug();

        ApiClient.Response locked = get(path);
        ApiClient.Response lockedJson = get(path + "/summary.json");
        ApiClient.Response wrong = new ApiClient(port).send(new ApiClient(port).request(path + "/access")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=nope")));
        ApiClient.Response right = new ApiClient(port).send(new ApiClient(port).request(path + "/access")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=correct+horse")));

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body()).contains("type=\"password\"").doesNotContain("Checkout")
                .doesNotContain("Everything about the shop");
        assertThat(lockedJson.status()).isEqualTo(401);
        assertThat(lockedJson.body()).doesNotContain("Checkout");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Set-Cookie")).isNull();
        assertThat(right.status()).isEqualTo(303);
        String cookie = right.header("Set-Cookie");
        assertThat(cookie).startsWith("vigil_status_access=").contains("HttpOnly").contains("Path=" + path);

        ApiClient.Response unlocked = get(path, "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.body()).contains("Checkout");
        assertThat(unlocked.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(get(path, "Cookie", "vigil_status_access=forged").status()).isEqualTo(401);
    }

    @Test
    void anAllowListLetsOnlyItsAddressesIn() {
        World inside = world(Map.of("allowedIps", List.of("127.0.0.0/8")));
        World outside = world(Map.of("allowedIps", List.of("203.0.113.0/24")));

        ApiClient.Response allowed = get("/status/" + inside.slug());
        ApiClient.Response refused = get("/status/" + outside.slug());

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Checkout").doesNotContain("type=\"password\"");
        assertThat(get("/status/" + outside.slug() + "/feed.atom").status()).isEqualTo(403);
    }
}
