package dev.vigil.local.bench;

import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Benchmark driver of the whole pipeline (not a test; run by {@code bench/pipeline/run.sh}, which prepares nginx and
 * the stack's jar and prints the bare check engine's rate beside these figures).
 *
 * <ol>
 *   <li>A fresh database on the PostgreSQL server of the tests; the local stack ({@code vigil-local-exec.jar}) as a
 *       child process on it.</li>
 *   <li>Through the public API: a workspace and N HTTP monitors of the loopback nginx page, every region, 60 s.</li>
 *   <li>After a warm-up, a measured window: rounds scheduled in it and stored (counted by scheduled time), probe
 *       start and storage lag behind the schedule (p50/p99, and p99 per minute to show whether it grows), queue depths
 *       every 30 s, and CPU seconds of the stack's JVM, of the PostgreSQL processes serving its database (plus the
 *       server's shared background processes) and of nginx, per check run.</li>
 *   <li>Optionally ({@code bench.outage=true}) the mass outage: see {@link OutageScenario}.</li>
 * </ol>
 *
 * <p>Settings are system properties {@code bench.*}; see {@code bench/pipeline/run.sh}.
 */
public final class PipelineBench {

    static final int INTERVAL = 60;

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int monitors = Integer.getInteger("bench.monitors", 10_000);
        int warmup = Integer.getInteger("bench.warmup", 90);
        int measure = roundUp(Integer.getInteger("bench.measure", 300), INTERVAL);
        boolean outage = Boolean.getBoolean("bench.outage");
        int healthyExtra = outage ? Integer.getInteger("bench.healthyExtra", 500) : 0;
        String target = System.getProperty("bench.target");
        Path work = Path.of(System.getProperty("bench.work"));
        List<String> jvmOptions = StackProcess.jvmOptions();

        try (TestDatabase database = TestDatabase.create()) {
            Path log = work.resolve("stack.log");
            System.out.printf("== stack: %s, database %s, log %s%n", String.join(" ", jvmOptions),
                    database.jdbcUrl().replaceAll("\\?.*", ""), log);
            try (StackProcess stack = StackProcess.start(Path.of(System.getProperty("java.home"), "bin", "java"),
                    Path.of(System.getProperty("bench.jar")), jvmOptions, database.jdbcUrl(), work.resolve("home"),
                    log, Map.of("VIGIL_MONITORS_MAX_PER_WORKSPACE", Integer.toString(monitors + healthyExtra + 10),
                            "VIGIL_RATE_LIMITS_API_KEY_CAPACITY", "1000000",
                            "VIGIL_RATE_LIMITS_API_KEY_REFILL_EVERY", "1ms"));
                 StackMetrics metrics = new StackMetrics(log, stack.sqsEndpoint());
                 Connection db = dataSource(database.jdbcUrl()).getConnection()) {
                BenchApi api = new BenchApi(stack.apiUrl());
                api.signUp("Bench");
                String channel = outage ? api.webhookChannel(target + "/hook") : null;
                long created = System.nanoTime();
                List<String> failing = createMonitors(api, db, monitors, "bench-", target + "/target?m=", channel);
                List<String> healthy = createMonitors(api, db, healthyExtra, "healthy-", target + "/healthy?m=",
                        null);
                System.out.printf("== %d monitors created in %.1f s (+%d healthy ones for the outage)%n", monitors,
                        (System.nanoTime() - created) / 1e9, healthyExtra);
                System.out.printf("== warm-up %d s (the first round of every monitor, JIT)%n", warmup);
                Thread.sleep(warmup * 1000L);

                Window window = new Window(db, stack.pid(), metrics);
                window.run(Instant.now(), measure, monitors + healthyExtra);
                if (outage) {
                    new OutageScenario(db, metrics, failing, healthy, Integer.getInteger("bench.outageSeconds", 150))
                            .run();
                }
                long rss = ProcessCpu.statusKb(stack.pid(), "VmRSS");
                long hwm = ProcessCpu.statusKb(stack.pid(), "VmHWM");
                System.out.printf("memory: stack_rss_mb=%.0f stack_rss_peak_mb=%.0f%n", rss / 1024.0, hwm / 1024.0);
            }
        }
    }

    /**
     * The first monitor of a set through the public API (so its row is what the API writes), the rest as copies of
     * that row in SQL with their own id, name and URL: 10,000 API calls would take minutes on a loaded machine and are
     * not what is measured. Each inserted row notifies the scheduler as an API-created one does.
     */
    static List<String> createMonitors(BenchApi api, Connection db, int count, String name, String urlPrefix,
                                       String channel) throws Exception {
        return createMonitors(api, db, count, name, urlPrefix, channel, INTERVAL);
    }

    /** As above, every monitor checked every {@code intervalSeconds}. */
    static List<String> createMonitors(BenchApi api, Connection db, int count, String name, String urlPrefix,
                                       String channel, int intervalSeconds) throws Exception {
        if (count == 0) {
            return List.of();
        }
        String template = api.createMonitors(1, 1, i -> monitor(name + "0", urlPrefix + "0", channel,
                intervalSeconds)).getFirst();
        List<String> ids = new ArrayList<>(List.of(template));
        for (int from = 1; from < count; from += 2000) {
            ids.addAll(column(db, """
                    WITH created AS (
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, degraded_above_ms, created_at, updated_at)
                        SELECT gen_random_uuid(), t.workspace_id, ? || i, t.type,
                               jsonb_set(t.check_spec, '{url}', to_jsonb(? || i)), t.interval_seconds, t.timeout_ms,
                               t.regions, t.confirmations, t.degraded_above_ms, t.created_at + i * interval '1 ms',
                               now()
                        FROM monitors t, generate_series(?, ?) i WHERE t.id = ?::uuid
                        RETURNING id, workspace_id),
                    links AS (
                        INSERT INTO monitor_alert_channels (monitor_id, channel_id, workspace_id)
                        SELECT c.id, l.channel_id, c.workspace_id
                        FROM created c JOIN monitor_alert_channels l ON l.monitor_id = ?::uuid)
                    SELECT id FROM created""", name, urlPrefix, from, Math.min(from + 1999, count - 1), template,
                    template));
        }
        long urls = count(db, "SELECT count(DISTINCT check_spec ->> 'url') FROM monitors WHERE id = ANY(?::uuid[])",
                (Object) ids.toArray(String[]::new));
        if (urls != count) {
            throw new IllegalStateException("expected " + count + " distinct URLs, found " + urls);
        }
        return ids;
    }

    static Map<String, Object> monitor(String name, String url, String channel, int intervalSeconds) {
        return channel == null
                ? Map.of("name", name, "type", "HTTP", "url", url, "intervalSeconds", intervalSeconds)
                : Map.of("name", name, "type", "HTTP", "url", url, "intervalSeconds", intervalSeconds,
                        "alertChannelIds", List.of(channel));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    static PGSimpleDataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbcUrl);
        return source;
    }

    /** PostgreSQL processes working for this database, and the server's background ones (shared with others). */
    static Set<Long> postgresPids(Connection db) {
        Set<Long> pids = new HashSet<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT pid FROM pg_stat_activity
                WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** nginx's processes: the master (pid file) and its workers. */
    static Set<Long> nginxPids() {
        Set<Long> pids = new HashSet<>();
        String pidFile = System.getProperty("bench.nginxPidFile");
        if (pidFile == null) {
            return pids;
        }
        try {
            long master = Long.parseLong(Files.readString(Path.of(pidFile)).trim());
            pids.add(master);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(f[1]) == master) {
                            pids.add(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException e) {
                        // gone meanwhile
                    }
                }
            }
        } catch (IOException e) {
            // no nginx
        }
        return pids;
    }

    static double[] percentiles(Connection db, String expression, String from, Object... params) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY "
                + expression + "), percentile_cont(0.99) WITHIN GROUP (ORDER BY " + expression + "), max("
                + expression + ") " + from)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
        }
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<String> column(Connection db, String sql, Object... params) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
