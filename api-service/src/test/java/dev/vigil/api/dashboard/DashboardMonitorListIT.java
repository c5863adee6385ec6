package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's monitor list: the overview, tag chips and group folders, filters, beat bars and relative times,
 * bulk actions (with a delete confirmation naming the count), and a number of queries that does not grow with the
 * rows shown. Statements are counted while a request is served, through a wrapped data source.
 */
@ApiServiceTest
class DashboardMonitorListIT {

    /** Statements prepared while serving a request (not by background work), by any request of the test. */
    static final AtomicLong STATEMENTS = new AtomicLong();

    @TestConfiguration
    static class CountingDataSource {

        @Bean
        static BeanPostProcessor countStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource source)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                Object result = method.invoke(source, args);
                                return result instanceof Connection connection ? counting(connection) : result;
                            });
                }
            };
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if ((method.getName().equals("prepareStatement") || method.getName().equals("createStatement"))
                                && RequestContextHolder.getRequestAttributes() != null) {
                            STATEMENTS.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void theOverviewCountsTheWorkspaceAndRowsShowTagsGroupsAndTheLastFiftyChecks() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("list-" + UUID.randomUUID() + "@example.com"));
        String prod = id(api.post("/api/v1/tags", Map.of("name", "prod", "color", "#7c3aed")));
        String eu = id(api.post("/api/v1/monitor-groups", Map.of("name", "EU")));
        String shop = monitor(api, "Shop", List.of(prod), eu);
        String down = monitor(api, "Payments", List.of(prod), null);
        monitor(api, "Blog", List.of(), null);
        UUID workspace = workspaceOf(down);
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = ?").param(UUID.fromString(shop)).update();
        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?").param(UUID.fromString(down)).update();
        new Tenant(workspace, null, api, null, null, null).addOpenIncident(jdbc, UUID.fromString(down));
        results(workspace, UUID.fromString(shop), 60);

        String page = browser.get("/app/monitors").body();

        assertThat(text(page, "overview-up")).contains("1");
        assertThat(text(page, "overview-down")).contains("1");
        assertThat(text(page, "overview-pending")).contains("1");
        assertThat(text(page, "overview-incidents")).contains("1").contains("1 unacknowledged");
        assertThat(page).contains("data-color=\"#7c3aed\"").contains("EU");
        String shopRow = row(page, shop);
        assertThat(count(shopRow, "class=\"beat ")).isEqualTo(50);
        assertThat(count(shopRow, "beat-down")).isEqualTo(5);
        assertThat(shopRow).contains("data-relative=\"checked\"").contains("local-b · 120 ms")
                .contains("connection refused").contains("aria-label=\"50 recent checks, 5 failed\"");
        assertThat(shopRow).doesNotContain("<img")
                .contains("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;");
        assertThat(shopRow).contains("class=\"folder muted\">EU<");
        assertThat(shopRow).contains("class=\"status status-up\"").contains("aria-label=\"Select Shop\"");
        assertThat(row(page, down)).contains("class=\"status status-down\"");
        assertThat(page).contains(">prod 2</a>").contains(">EU 1</a>");
        assertThat(row(page, down)).contains("no checks yet");

        String byTag = browser.get("/app/monitors/rows?tag=prod").body();
        assertThat(byTag).contains("Shop").contains("Payments").doesNotContain(">Blog<");
        String combined = browser.get("/app/monitors/rows?tag=prod&group=" + eu + "&status=UP&type=HTTP"
                + "&region=local-a&q=sho").body();
        assertThat(combined).contains(">Shop<").doesNotContain(">Payments<");
        assertThat(browser.get("/app/monitors/rows?tag=gone").body()).contains("no such tag");
    }

    @Test
    void bulkActionsActOnTheCheckedMonitorsOrAllMatchingAndDeleteAfterNamingTheCount() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("bulk-" + UUID.randomUUID() + "@example.com"));
        String prod = id(api.post("/api/v1/tags", Map.of("name", "prod")));
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> monitor(api, "Api " + i, List.of(), null)).toList();
        String blog = monitor(api, "Blog", List.of(), null);

        browser.get("/app/monitors");
        DashboardSession.Page tagged = browser.post("/app/monitors/bulk", Map.of("action", "add_tags",
                "tagId", prod, "all", "true", "q", "api"));
        assertThat(tagged.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors?tag=prod").json().get("total").asInt()).isEqualTo(3);
        browser.get("/app/monitors");
        browser.post("/app/monitors/bulk", Map.of("action", "pause", "all", "true", "tag", "prod"));
        assertThat(api.get("/api/v1/monitors?status=PAUSED").json().get("total").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/monitors/" + blog).json().get("paused").asBoolean()).isFalse();

        browser.get("/app/monitors");
        DashboardSession.Page confirm = browser.postPairs("/app/monitors/bulk", "action", "delete", "ids",
                ids.get(0), "ids", ids.get(1));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Delete 2 monitors?").contains("Api 0").contains("Api 1");
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).as("nothing deleted yet").isEqualTo(4);
        DashboardSession.Page deleted = browser.postPairs("/app/monitors/bulk", "action", "delete", "confirmed",
                "true", "ids", ids.get(0), "ids", ids.get(1));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/monitors").json().get("total").asInt()).isEqualTo(2);
        assertThat(browser.get(deleted.location()).body()).contains("Deleted 2 of 2 monitors.");
    }

    @Test
    void anotherWorkspacesMonitorsCannotBeActedOnFromTheDashboard() {
        DashboardSession browser = new DashboardSession(port);
        browser.signUp("mine-" + UUID.randomUUID() + "@example.com");
        Tenant other = Tenant.create(port);
        String theirs = id(other.owner().post("/api/v1/monitors", Map.of("name", "Theirs", "type", "TCP",
                "host", "example.com", "port", 443)));
        String before = WorkspaceState.fingerprint(jdbc, other.workspaceId());

        browser.get("/app/monitors");
        DashboardSession.Page paused = browser.post("/app/monitors/bulk", Map.of("action", "pause", "ids", theirs));
        String shown = browser.get(paused.location()).body();
        DashboardSession.Page confirm = browser.post("/app/monitors/bulk", Map.of("action", "delete", "ids",
                theirs));

        assertThat(paused.status()).isEqualTo(302);
        assertThat(shown).contains("no such monitor");
        assertThat(confirm.body()).contains("Delete 0 monitors?").doesNotContain("Theirs");
        assertThat(WorkspaceState.fingerprint(jdbc, other.workspaceId())).isEqualTo(before);
    }

    @Test
    void theListTakesAsManyQueriesForFortyRowsAsForTwo() {
        long few = statementsForList(2);
        long many = statementsForList(40);
        System.out.printf("monitor list page: %d SQL statements for 2 rows, %d for 40 rows%n", few, many);

        assertThat(many).as("statements for 40 rows vs %s for 2", few).isEqualTo(few);
        assertThat(few).isBetween(5L, 30L);
    }

    private long statementsForList(int monitors) {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("count-" + UUID.randomUUID() + "@example.com"));
        String tag = id(api.post("/api/v1/tags", Map.of("name", "t")));
        String group = id(api.post("/api/v1/monitor-groups", Map.of("name", "g")));
        String last = null;
        for (int i = 0; i < monitors; i++) {
            last = monitor(api, "M " + i, List.of(tag), group);
        }
        results(workspaceOf(last), UUID.fromString(last), 10);
        browser.get("/app/monitors");
        long before = STATEMENTS.get();
        String page = browser.get("/app/monitors").body();
        long used = STATEMENTS.get() - before;
        assertThat(count(page, "data-monitor=")).isEqualTo(monitors);
        return used;
    }

    /**
     * The rest of the overview: paused and degraded counts, the mean uptime over 24 hours and 30 days of the
     * monitors measured (one always up, one down for its last 6 of 48 hours; the two never evaluated left out, not
     * counted as 0 or 100), and the probes alive (an expired or stopping probe is not) with their regions.
     */
    @Test
    void theOverviewAveragesTheMeasuredUptimesAndCountsPausedDegradedAndLiveProbes() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("ovw-" + UUID.randomUUID() + "@example.com"));
        UUID up = UUID.fromString(monitor(api, "Always up", List.of(), null));
        UUID flaky = UUID.fromString(monitor(api, "Down lately", List.of(), null));
        UUID paused = UUID.fromString(monitor(api, "Paused one", List.of(), null));
        UUID degraded = UUID.fromString(monitor(api, "Slow one", List.of(), null));
        UUID workspace = workspaceOf(up.toString());
        Instant now = Instant.now();
        upAndDownLately(workspace, up, flaky, now);
        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?").param(flaky).update();
        jdbc.sql("UPDATE monitors SET paused = true WHERE id = ?").param(paused).update();
        jdbc.sql("UPDATE monitors SET status = 'DEGRADED' WHERE id = ?").param(degraded).update();
        int probesBefore = number(text(browser.get("/app/monitors").body(), "overview-probes"), 0);
        probe("local-a", now.plusSeconds(600), false);
        probe("local-b", now.minusSeconds(60), false);
        probe("local-b", now.plusSeconds(600), true);

        String page = browser.get("/app/monitors").body();

        assertThat(number(text(page, "overview-paused"), 0)).isEqualTo(1);
        assertThat(number(text(page, "overview-degraded"), 0)).isEqualTo(1);
        assertThat(number(text(page, "overview-down"), 0)).isEqualTo(1);
        assertThat(number(text(page, "overview-up"), 0)).isZero();
        assertMeansOfUpAndDownLately(text(page, "overview-uptime"));
        String probes = text(page, "overview-probes");
        assertThat(number(probes, 0)).as(probes).isEqualTo(probesBefore + 1);
        assertThat(probes).containsPattern("[1-9][0-9]* of [0-9]+ regions");
    }

    /**
     * The size from which the list does not wait for its uptime means (MonitorSummary.WAIT_FOR_MEANS_BELOW) and
     * remembers beats (RecentChecks.REMEMBER_FROM).
     */
    private static final int LARGE = 10_000;

    @Test
    void aLargeWorkspacesPageDoesNotWaitForItsUptimeMeansButFetchesThemAfterItself() {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("large-" + UUID.randomUUID() + "@example.com"));
        UUID up = UUID.fromString(monitor(api, "Always up", List.of(), null));
        UUID flaky = UUID.fromString(monitor(api, "Down lately", List.of(), null));
        // A workspace whose list was never opened (sign-up opened the first one's): its means are not remembered.
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Large')").param(workspace).update();
        jdbc.sql("""
                        INSERT INTO workspace_members (workspace_id, user_id, role)
                        SELECT ?, user_id, 'OWNER' FROM workspace_members WHERE workspace_id = ?""")
                .params(workspace, workspaceOf(up.toString())).update();
        jdbc.sql("UPDATE monitors SET workspace_id = ? WHERE id IN (?, ?)").params(workspace, up, flaky).update();
        assertThat(browser.post("/app/workspace", Map.of("workspaceId", workspace.toString())).status())
                .isEqualTo(302);
        upAndDownLately(workspace, up, flaky, Instant.now());
        // The rest of a workspace at the size where the means take a second (never evaluated: no uptime of their own).
        bulkMonitors(up, LARGE - 2);

        String first = browser.get("/app/monitors").body();
        String placeholder = text(first, "overview-uptime");
        String fetched = browser.get("/app/monitors/overview/uptime").body();
        String again = browser.get("/app/monitors").body();

        assertThat(number(text(first, "overview-pending"), 0)).as("the counts do not wait")
                .isEqualTo(LARGE);
        assertThat(placeholder).contains("aria-busy=\"true\"").contains("hx-get=\"/app/monitors/overview/uptime\"")
                .contains("hx-trigger=\"load\"");
        for (String shown : List.of(text(fetched, "overview-uptime"), text(again, "overview-uptime"))) {
            assertThat(shown).doesNotContain("aria-busy");
            assertMeansOfUpAndDownLately(shown);
        }
        assertThat(new DashboardSession(port).get("/app/monitors/overview/uptime").location()).as("signed out")
                .isEqualTo("/login");
    }

    @Test
    void aLargeWorkspacesRowsRememberAMonitorsBeatsUntilItsNextEvent() throws Exception {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("beats-" + UUID.randomUUID() + "@example.com"));
        UUID shown = UUID.fromString(monitor(api, "A first", List.of(), null));
        UUID workspace = workspaceOf(shown.toString());
        bulkMonitors(shown, LARGE - 1);
        results(workspace, shown, 10);
        assertThat(beatsShown(browser, shown)).isEqualTo(10);

        // Stored with the session's triggers off, so no event says so: the page shows the beats it remembers. The
        // events of the inserts above may still be on their way and make the page read again once: then again.
        Instant at = Instant.now().minusSeconds(30);
        boolean remembered = false;
        for (int attempt = 0; attempt < 10 && !remembered; attempt++) {
            Thread.sleep(200);
            int before = beatsShown(browser, shown);
            at = at.plusSeconds(1);
            try (Connection connection = dataSource.getConnection();
                 Statement session = connection.createStatement()) {
                session.execute("SET session_replication_role = replica");
                try {
                    result(JdbcClient.create(new SingleConnectionDataSource(
                            connection, true)), workspace, shown, at);
                } finally {
                    session.execute("SET session_replication_role = DEFAULT");
                }
            }
            remembered = beatsShown(browser, shown) == before;
        }
        assertThat(remembered).as("a result without its event is not shown: the beats are remembered").isTrue();

        // Stored as the pipeline stores it: its event makes the next page read the monitor's beats again, with the
        // results stored silently before it.
        result(jdbc, workspace, shown, at.plusSeconds(1));
        int stored = jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = ?").param(shown)
                .query(Integer.class).single();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int beats = beatsShown(browser, shown);
        while (beats != stored && System.nanoTime() < deadline) {
            Thread.sleep(50);
            beats = beatsShown(browser, shown);
        }
        assertThat(beats).as("every stored result, once the event came").isEqualTo(stored);
    }

    private int beatsShown(DashboardSession browser, UUID monitor) {
        return count(row(browser.get("/app/monitors/rows").body(), monitor.toString()), "class=\"beat ");
    }

    /** More monitors like {@code model} in its workspace, named "Bulk n" (never evaluated, no results). */
    private void bulkMonitors(UUID model, int count) {
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, created_at, updated_at)
                        SELECT gen_random_uuid(), workspace_id, 'Bulk ' || n, type, check_spec, 86400, timeout_ms,
                               regions, confirmations, now(), now()
                        FROM monitors CROSS JOIN generate_series(1, ?) AS n WHERE id = ?""")
                .params(count, model).update();
    }

    private static void result(JdbcClient jdbc, UUID workspace, UUID monitor, Instant at) {
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms)
                        VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, true, 90)""")
                .params(Timestamp.from(at), UUID.randomUUID(), UUID.randomUUID(), monitor, workspace,
                        Timestamp.from(at))
                .update();
    }

    /** Two monitors created 48 hours ago: one up since, one down for the last 6 of them. */
    private void upAndDownLately(UUID workspace, UUID up, UUID flaky, Instant now) {
        jdbc.sql("UPDATE monitors SET created_at = ? WHERE id IN (?, ?)")
                .params(Timestamp.from(now.minus(48, ChronoUnit.HOURS)), up, flaky).update();
        transition(workspace, up, now.minus(48, ChronoUnit.HOURS), "UP");
        transition(workspace, flaky, now.minus(48, ChronoUnit.HOURS), "UP");
        transition(workspace, flaky, now.minus(6, ChronoUnit.HOURS), "DOWN");
    }

    /** Their means as the overview shows them: 24 h (100 + 75) / 2, 30 d (100 + 87.5) / 2; other monitors unmeasured. */
    private static void assertMeansOfUpAndDownLately(String overviewUptime) {
        assertThat(decimal(overviewUptime, 0)).as(overviewUptime)
                .isCloseTo(87.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(decimal(overviewUptime, 1)).as(overviewUptime)
                .isCloseTo(93.75, org.assertj.core.data.Offset.offset(0.05));
    }

    private void transition(UUID workspace, UUID monitor, Instant at, String to) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        VALUES (?, ?, 'PENDING', ?, ?, 'test')""")
                .params(monitor, workspace, to, Timestamp.from(at)).update();
    }

    private void probe(String region, Instant expires, boolean stopping) {
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at, stopping)
                        VALUES (?, ?, now(), now(), ?, ?)""")
                .params("overview-" + UUID.randomUUID(), region, Timestamp.from(expires), stopping).update();
    }

    /** The {@code index}th whole number in the element's markup after its opening tag. */
    private static int number(String element, int index) {
        Matcher m = Pattern.compile(">[^<]*?(\\d+)").matcher(element.substring(element.indexOf('>')));
        for (int i = 0; i < index; i++) {
            m.find();
        }
        assertThat(m.find()).as("a number in %s", element).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The {@code index}th percentage ("87.50 %") in the element's markup. */
    private static double decimal(String element, int index) {
        Matcher m = Pattern.compile("(\\d+\\.\\d+) %").matcher(element);
        for (int i = 0; i < index; i++) {
            m.find();
        }
        assertThat(m.find()).as("a percentage in %s", element).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** {@code count} scheduled results, a tenth of them failed, newest a few seconds ago. */
    /** What a hostile target can make a check's error say: it reaches the beat's tooltip. */
    private static final String HOSTILE_ERROR = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

    private void results(UUID workspace, UUID monitor, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            boolean ok = i % 10 != 0;
            jdbc.sql("""
                            INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                       started_at, ok, latency_ms, error)
                            VALUES (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?)""")
                    .params(Timestamp.from(now.minusSeconds(5 + 30L * i)), UUID.randomUUID(), UUID.randomUUID(),
                            monitor, workspace, i % 2 == 0 ? "local-a" : "local-b",
                            Timestamp.from(now.minusSeconds(5 + 30L * i)), ok, 100 + 20 * (i % 2),
                            ok ? null : i == 0 ? HOSTILE_ERROR : "connection refused")
                    .update();
        }
    }

    private UUID workspaceOf(String monitor) {
        return jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(UUID.fromString(monitor))
                .query(UUID.class).single();
    }

    private static String monitor(ApiClient api, String name, List<String> tags, String group) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "HTTP",
                "url", "https://" + name.toLowerCase().replace(' ', '-') + ".example.com/", "tagIds", tags));
        if (group != null) {
            body.put("groupId", group);
        }
        return id(api.post("/api/v1/monitors", body));
    }

    private static String id(ApiClient.Response response) {
        JsonNode created = Tenant.require(response, 201).json();
        return created.get("id").asString();
    }

    /** The element with this id and what follows it up to its closing tag (good enough for these flat blocks). */
    private static String text(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element %s", id).isNotNegative();
        return page.substring(start, page.indexOf("</", page.indexOf("</", start) + 2));
    }

    private static String row(String page, String monitorId) {
        int start = page.indexOf("data-monitor=\"" + monitorId + "\"");
        assertThat(start).as("row of %s", monitorId).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
