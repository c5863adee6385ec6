package dev.vigil.local.bench;

import dev.vigil.common.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark driver of the API and dashboard at size (issue 21; not a test, run by {@code bench/api-scale/run.sh}):
 * the local stack on a fresh database with one workspace of {@code bench.large} monitors (default 100,000) and
 * {@code bench.workspaces} workspaces (default 10) of {@code bench.small} monitors (default 10,000), while the
 * pipeline runs: {@code bench.checked} monitors of the large workspace (default 10,000) are checked every 60 s in the
 * three local regions; the rest every day. Monitors carry statuses, transitions, tags and groups as a real workspace
 * does. The dashboard list's first {@code bench.seconds} after the start are printed as they are; then every page is
 * read in turn for {@code bench.useWarmup} seconds (default 120), and each page is read by {@code bench.clients}
 * clients at once for {@code bench.seconds} seconds and its latency printed (p50, p99, max) against the goal: list
 * pages, search and filters under 200 ms at p99, a monitor's page under 300 ms.
 */
public final class ApiScaleBench {

    private static final double LIST_GOAL_MS = 200;
    private static final double MONITOR_GOAL_MS = 300;
    private static final String DASHBOARD_LIST = "dashboard monitors page (100k)";

    private ApiScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int large = Integer.getInteger("bench.large", 100_000);
        int workspaces = Integer.getInteger("bench.workspaces", 10);
        int small = Integer.getInteger("bench.small", 10_000);
        int checked = Math.min(large, Integer.getInteger("bench.checked", 10_000));
        int warmup = Integer.getInteger("bench.warmup", 90);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int clients = Integer.getInteger("bench.clients", 4);
        String target = System.getProperty("bench.target");
        Path work = Path.of(System.getProperty("bench.work"));
        List<String> jvmOptions = StackProcess.jvmOptions();

        try (TestDatabase database = TestDatabase.create()) {
            Path log = work.resolve("stack.log");
            System.out.printf("== stack: %s, database %s, log %s%n", String.join(" ", jvmOptions),
                    database.jdbcUrl().replaceAll("\\?.*", ""), log);
            try (StackProcess stack = StackProcess.start(Path.of(System.getProperty("java.home"), "bin", "java"),
                    Path.of(System.getProperty("bench.jar")), jvmOptions, database.jdbcUrl(), work.resolve("home"),
                    log, Map.of("VIGIL_MONITORS_MAX_PER_WORKSPACE", Integer.toString(large + 10),
                            "VIGIL_RATE_LIMITS_API_KEY_CAPACITY", "1000000",
                            "VIGIL_RATE_LIMITS_API_KEY_REFILL_EVERY", "1ms",
                            "VIGIL_RATE_LIMITS_SIGNUP_CAPACITY", "1000",
                            "VIGIL_RATE_LIMITS_SIGNUP_REFILL_EVERY", "1ms"));
                 Connection db = PipelineBench.dataSource(database.jdbcUrl()).getConnection()) {
                long started = System.nanoTime();
                BenchApi big = new BenchApi(stack.apiUrl());
                big.signUp("Large");
                List<String> bigIds = new ArrayList<>(PipelineBench.createMonitors(big, db, checked, "checked-",
                        target + "/healthy?c=", null, 60));
                bigIds.addAll(PipelineBench.createMonitors(big, db, large - checked, "daily-", target + "/healthy?d=",
                        null, 86_400));
                // A monitor's page is read for the checked monitors, which have results (for any when none is).
                List<String> withResults = List.copyOf(bigIds.subList(0, checked == 0 ? bigIds.size() : checked));
                List<BenchApi> others = new ArrayList<>();
                for (int w = 0; w < workspaces; w++) {
                    BenchApi api = new BenchApi(stack.apiUrl());
                    api.signUp("Small " + w);
                    PipelineBench.createMonitors(api, db, small, "w" + w + "-", target + "/healthy?w" + w + "=", null,
                            86_400);
                    others.add(api);
                }
                String[] tags = labels(big, db);
                shapeStatuses(db);
                System.out.printf("== %d + %d x %d monitors created in %.1f s (%d checked every 60 s); warm-up %d s "
                                + "(load average %s)%n", large, workspaces, small, (System.nanoTime() - started) / 1e9,
                        checked, warmup, ProcessCpu.loadAverage());
                Thread.sleep(warmup * 1000L);

                // Cursors to random depths of the large list, each read once by number: the cursor page reads from
                // there as a client paging through would (the next of the page before it).
                List<String> cursors = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    cursors.add(big.call("GET", "/api/v1/monitors?size=50&page=" + random(large / 50 - 1), null)
                            .get("next").asString());
                }
                DashboardClient dashboard = DashboardClient.signIn(stack.apiUrl(), big.email(), BenchApi.PASSWORD);
                DashboardClient smallDashboard = DashboardClient.signIn(stack.apiUrl(), others.getFirst().email(),
                        BenchApi.PASSWORD);
                List<Page> pages = List.of(
                        new Page("API list, first page (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?page=0&size=50")),
                        new Page("API list, a random page (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&page=" + random(large / 50))),
                        new Page("API list, a random page by cursor (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&after=" + pick(cursors))),
                        new Page("API search q=<5 random digits> (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&q=" + random(100_000))),
                        new Page("API status=DOWN (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&status=DOWN")),
                        new Page("API status=UP (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&status=UP")),
                        new Page("API tag=critical (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&tag=" + tags[1])),
                        new Page("API tag=prod&status=DOWN,DEGRADED&q=7 (100k)", LIST_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors?size=50&tag=" + tags[0]
                                        + "&status=DOWN,DEGRADED&q=7")),
                        new Page("API one monitor (100k)", MONITOR_GOAL_MS,
                                () -> big.timedGet("/api/v1/monitors/" + pick(bigIds))),
                        new Page("API list, first page (10k, another workspace)", LIST_GOAL_MS,
                                () -> others.get(random(others.size())).timedGet("/api/v1/monitors?page=0&size=50")),
                        new Page(DASHBOARD_LIST, LIST_GOAL_MS, () -> dashboard.timedGet("/app/monitors")),
                        new Page("dashboard rows, search q=<5 random digits> (100k)", LIST_GOAL_MS,
                                () -> dashboard.timedGet("/app/monitors/rows?q=" + random(100_000))),
                        new Page("dashboard rows, status=DOWN (100k)", LIST_GOAL_MS,
                                () -> dashboard.timedGet("/app/monitors/rows?status=DOWN")),
                        new Page("dashboard rows, tag=prod (100k)", LIST_GOAL_MS,
                                () -> dashboard.timedGet("/app/monitors/rows?tag=" + tags[0])),
                        new Page("dashboard monitor page, a checked monitor (100k)", MONITOR_GOAL_MS,
                                () -> dashboard.timedGet("/app/monitors/" + pick(withResults))),
                        new Page("dashboard monitors page (10k)", LIST_GOAL_MS,
                                () -> smallDashboard.timedGet("/app/monitors")));
                // PAGES=<regex> reads only the pages whose names match (a profile of one kind of page).
                Runner run = new Runner(clients, seconds,
                        java.util.regex.Pattern.compile(System.getProperty("bench.pages", "")));
                System.out.printf("== %d clients at once, %d s per page (load average %s)%n", clients, seconds,
                        ProcessCpu.loadAverage());
                System.out.printf("%-58s %8s %8s %8s %8s %6s  %s%n", "page", "requests", "p50_ms", "p99_ms",
                        "max_ms", "goal", "met");
                int inUse = Integer.getInteger("bench.useWarmup", 120);
                if (inUse > 0) {
                    // The stack just started: its first minute of pages is the JIT compiling the dashboard's code
                    // beside the readers (throughput 28 -> 118 pages/s over the first 100 s, the stack's CPU flat,
                    // bench/README.md). That minute is printed as it is, apart from the goals; the goals are for
                    // the pages in use, measured after every page has been read in turn for bench.useWarmup s.
                    run.firstUse(pages.stream().filter(p -> p.name().equals(DASHBOARD_LIST)).findFirst()
                            .orElseThrow());
                    run.inTurn(pages, Duration.ofSeconds(inUse));
                    System.out.printf("== every page read in turn for %d s (load average %s)%n", inUse,
                            ProcessCpu.loadAverage());
                }
                for (Page page : pages) {
                    run.page(page.name(), page.goalMs(), page.call());
                }
                hold(work, stack.apiUrl(), big, database.jdbcUrl());
                long rss = ProcessCpu.statusKb(stack.pid(), "VmRSS");
                System.out.printf("memory: stack_rss_mb=%.0f (%d monitors in all, %d checked every 60 s)%n",
                        rss / 1024.0, large + workspaces * small, checked);
                System.out.printf("stored checks in the last minute: %d (%d expected)%n",
                        PipelineBench.count(db, "SELECT count(*) FROM check_results WHERE received_at > now() - "
                                + "interval '60 seconds' AND kind = 'SCHEDULED'"), checked * 3);
            }
        }
    }

    /**
     * Tags and groups in the large workspace: three tags through the API ({@code prod} on one monitor in five,
     * {@code critical} on one in two hundred, {@code eu} on one in three), ten groups with the monitors spread over
     * them and one in ten ungrouped. Answers the tags' ids.
     */
    private static String[] labels(BenchApi api, Connection db) throws Exception {
        String prod = api.call("POST", "/api/v1/tags", Map.of("name", "prod")).get("id").asString();
        String critical = api.call("POST", "/api/v1/tags", Map.of("name", "critical")).get("id").asString();
        String eu = api.call("POST", "/api/v1/tags", Map.of("name", "eu")).get("id").asString();
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            groups.add(api.call("POST", "/api/v1/monitor-groups", Map.of("name", "Group " + g)).get("id")
                    .asString());
        }
        try (PreparedStatement tag = db.prepareStatement("""
                INSERT INTO monitor_tags (monitor_id, tag_id, workspace_id)
                SELECT m.id, t.id, m.workspace_id FROM monitors m JOIN tags t ON t.workspace_id = m.workspace_id
                WHERE t.id = ?::uuid AND abs(hashtext(m.id::text || t.name)) % ? = 0""")) {
            for (Object[] rule : new Object[][] {{prod, 5}, {critical, 200}, {eu, 3}}) {
                tag.setString(1, (String) rule[0]);
                tag.setInt(2, (Integer) rule[1]);
                retryingDeadlocks(tag::executeUpdate);
            }
        }
        try (PreparedStatement group = db.prepareStatement("""
                UPDATE monitors m SET group_id = (?::uuid[])[1 + abs(hashtext(m.id::text)) % 10]
                WHERE m.workspace_id = (SELECT workspace_id FROM monitor_groups WHERE id = (?::uuid[])[1])
                  AND abs(hashtext(m.id::text || 'g')) % 10 <> 0""")) {
            group.setArray(1, db.createArrayOf("text", groups.toArray()));
            group.setArray(2, db.createArrayOf("text", groups.toArray()));
            retryingDeadlocks(group::executeUpdate);
        }
        return new String[] {prod, critical, eu};
    }

    /**
     * HOLD=<seconds> keeps the stack and its database up after the pages for that long, to read them by hand (EXPLAIN,
     * a profile, curl): how to reach them is written to hold.env in the work folder, which is kept meanwhile.
     */
    private static void hold(Path work, String apiUrl, BenchApi big, String jdbcUrl) throws Exception {
        int seconds = Integer.getInteger("bench.hold", 0);
        if (seconds <= 0) {
            return;
        }
        Path env = work.resolve("hold.env");
        // Quoted for the shell (the password has a space): `. hold.env` then curl, psql, wrk.
        java.nio.file.Files.writeString(env, "API_URL='" + apiUrl + "'\nAPI_KEY='" + big.key() + "'\nEMAIL='"
                + big.email() + "'\nPASSWORD='" + BenchApi.PASSWORD + "'\nDB_URL='" + jdbcUrl + "'\n");
        System.out.printf("== holding the stack for %d s: %s%n", seconds, env);
        Thread.sleep(seconds * 1000L);
    }

    /**
     * The statuses a real workspace has: the monitors nobody checked in the warm-up (the daily ones) as 93 % up, 4 %
     * down, 3 % degraded, one in fifty paused, each with the transition that put it there a day ago, so the uptime
     * figures have history to read. The checked ones get theirs from the pipeline.
     */
    private static void shapeStatuses(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            retryingDeadlocks(() -> s.execute("""
                    UPDATE monitors SET status = CASE WHEN abs(hashtext(id::text)) % 100 < 4 THEN 'DOWN'
                                                      WHEN abs(hashtext(id::text)) % 100 < 7 THEN 'DEGRADED'
                                                      ELSE 'UP' END,
                                        paused = abs(hashtext(id::text || 'p')) % 50 = 0
                    WHERE interval_seconds = 86400"""));
            s.execute("""
                    INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                    SELECT id, workspace_id, 'PENDING', status, now() - interval '1 day', 'bench'
                    FROM monitors WHERE interval_seconds = 86400""");
            // What autovacuum does to a table that grew by 200,000 rows at once, done now rather than whenever it
            // gets to it mid-measurement (without it, counts and filters read every row's heap page).
            s.execute("VACUUM ANALYZE monitors");
            s.execute("VACUUM ANALYZE monitor_tags");
            s.execute("VACUUM ANALYZE monitor_transitions");
        }
    }

    @FunctionalInterface
    private interface Sql {
        Object run() throws SQLException;
    }

    /**
     * Runs a statement over many monitors, again if it deadlocked with the running pipeline's evaluation (which
     * updates the checked monitors' rows in its own order meanwhile).
     */
    private static void retryingDeadlocks(Sql statement) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                statement.run();
                return;
            } catch (SQLException e) {
                // Twenty tries: while the warm-up's first results move 10,000 monitors out of PENDING, a statement
                // over the whole workspace met a deadlock five times running in one run.
                if (!"40P01".equals(e.getSQLState()) || attempt == 20) {
                    throw e;
                }
                Thread.sleep(Math.min(2_000L, 200L * attempt));
            }
        }
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static String pick(List<String> ids) {
        return ids.get(random(ids.size()));
    }

    @FunctionalInterface
    private interface TimedCall {
        double call() throws Exception;
    }

    private record Page(String name, double goalMs, TimedCall call) {
    }

    /** Reads one page with N clients at once for a while and prints its latency. */
    private record Runner(int clients, int seconds, java.util.regex.Pattern only) {

        /** The page from the stack's first request on, printed for what it is and held to no goal. */
        void firstUse(Page page) throws Exception {
            print(page.name() + ", first use", 0, read(Duration.ofSeconds(seconds), page.call()));
        }

        /** Every page, each client reading the next one in turn, for this long: the pages as they are in use. */
        void inTurn(List<Page> pages, Duration length) throws Exception {
            AtomicInteger next = new AtomicInteger();
            read(length, () -> pages.get(Math.floorMod(next.getAndIncrement(), pages.size())).call().call());
        }

        void page(String name, double goalMs, TimedCall call) throws Exception {
            if (!only.matcher(name).find()) {
                return;
            }
            // Each page is read for a few seconds before it is measured (-Dbench.pageWarmup, default 5 s): its
            // first reads fill what the page remembers (counts, a large workspace's uptime means, computed beside the
            // first request), which a page in use has; the minute-by-minute refreshes still fall in the measurement.
            read(Duration.ofSeconds(Integer.getInteger("bench.pageWarmup", 5)), call);
            print(name, goalMs, read(Duration.ofSeconds(seconds), call));
        }

        /** A page's latencies against its goal (none when 0). */
        private static void print(String name, double goalMs, List<double[]> reads) {
            List<Double> sorted = new ArrayList<>(reads.stream().map(r -> r[1]).toList());
            Collections.sort(sorted);
            double p50 = sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)));
            double p99 = sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)));
            System.out.printf("%-58s %8d %8.1f %8.1f %8.1f %6s  %s%n", name, sorted.size(), p50, p99,
                    sorted.getLast(), goalMs > 0 ? String.format("%.0f", goalMs) : "-",
                    goalMs <= 0 ? "-" : p99 < goalMs ? "yes" : "NO");
            // -Dbench.slowest=N prints when the N slowest reads started, to set beside a profile's timeline.
            reads.sort((a, b) -> Double.compare(b[1], a[1]));
            for (double[] slow : reads.subList(0, Math.min(Integer.getInteger("bench.slowest", 0), reads.size()))) {
                System.out.printf("    slow: started %s took %.1f ms%n",
                        java.time.Instant.ofEpochMilli((long) slow[0]), slow[1]);
            }
        }

        /** The page read by every client at once for this long: when each read started (epoch ms) and its ms. */
        private List<double[]> read(Duration length, TimedCall call) throws Exception {
            List<double[]> reads = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + length.toNanos();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> workers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    workers.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            long started = System.currentTimeMillis();
                            reads.add(new double[] {started, call.call()});
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
            return new ArrayList<>(reads);
        }
    }
}
