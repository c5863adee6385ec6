package dev.vigil.alerting.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.alerting.ingest.ResultWriter;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Benchmarks for bench/ingest/run.sh (not part of the test run). On a fresh database:
 *
 * <ol>
 *   <li>ingest: the single-row INSERT baseline (one statement and commit per result, as a naive consumer does), then
 *       {@link ResultWriter} (COPY into staging + INSERT ... SELECT ... ON CONFLICT DO NOTHING) at several batch
 *       sizes, each sustained for a fixed time; rows/s, JVM CPU and whole-machine CPU (PostgreSQL included);</li>
 *   <li>uptime: {@code monitors} monitors x {@code days} days of 1-minute results generated server-side, rolled up,
 *       with a few outages each; then the 90-day uptime query of the API (downtime intervals, incident count, latency
 *       percentiles from the hourly rollup) for random monitors, p50/p95.</li>
 * </ol>
 * Arguments: seconds per ingest run, monitors, days.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            System.out.println("database: " + database.name() + " on " + serverVersion(database));
            ingest(database, seconds);
            uptime(database, monitors, days);
        }
    }

    private static void ingest(TestDatabase database, int seconds) throws Exception {
        UUID monitor = UUID.randomUUID();
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(20));
        long[] next = {0};
        // The writer stores results of known monitors only: the results name this one (its id is its workspace's).
        try (Connection c = database.connect(); var s = c.createStatement()) {
            s.execute("INSERT INTO workspaces (id, name) VALUES ('" + monitor + "', 'ingest bench')");
            s.execute("INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, "
                    + "regions) VALUES ('" + monitor + "', '" + monitor + "', 'ingest', 'HTTP', "
                    + "'{\"type\":\"HTTP\",\"url\":\"https://example.com\"}', 60, 5000, '{local-a}')");
        }

        // 1. Baseline: one INSERT and one commit per result.
        try (Connection c = database.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO check_results (" + ResultWriter.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     + "?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            Measure m = Measure.start();
            long rows = 0;
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < until) {
                bind(insert, result(monitor, base, next[0]++));
                insert.executeUpdate();
                rows++;
            }
            m.report("single-row INSERT (autocommit)", 1, rows);
        }

        // 2. ResultWriter at several batch sizes, one connection as one ingest thread has.
        for (int batch : new int[] {100, 500, 2000, 5000}) {
            SingleConnectionDataSource ds = new SingleConnectionDataSource(database.jdbcUrl(), true);
            ds.setAutoCommit(true);
            ResultWriter writer = new ResultWriter(new JdbcTemplate(ds), new DataSourceTransactionManager(ds));
            List<CheckResult> warm = batch(monitor, base, next, batch);
            writer.write(warm);
            Measure m = Measure.start();
            long rows = 0;
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < until) {
                rows += writer.write(batch(monitor, base, next, batch)).stored();
            }
            m.report("ResultWriter COPY batch", batch, rows);
            ds.destroy();
        }
    }

    private static void uptime(TestDatabase database, int monitors, int days) throws Exception {
        try (Connection c = database.connect(); var s = c.createStatement()) {
            boolean timescale = database.hasTimescale();
            long t0 = System.nanoTime();
            if (!timescale) {
                s.execute("SELECT vigil_ensure_daily_partitions('check_results', (now() AT TIME ZONE 'UTC')::date - "
                        + (days + 1) + ", (now() AT TIME ZONE 'UTC')::date + 1)");
            }
            s.execute("INSERT INTO workspaces (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'bench')");
            s.execute("INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, "
                    + "regions, created_at) SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', "
                    + "'m' || i, 'HTTP', '{\"type\":\"HTTP\",\"url\":\"https://example.com\"}', 60, 5000, "
                    + "'{local-a}', now() - interval '100 days' FROM generate_series(1, " + monitors + ") i");
            // One day at a time, so progress shows and no statement runs for minutes.
            for (int day = days; day > 0; day--) {
                s.execute("INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind, "
                        + "started_at, ok, latency_ms) "
                        + "SELECT t, gen_random_uuid(), gen_random_uuid(), m.id, m.workspace_id, 'local-a', "
                        + "'SCHEDULED', t, random() > 0.002, (40 + random() * 120)::int "
                        + "FROM monitors m, generate_series(date_trunc('minute', now()) - interval '" + day
                        + " days', date_trunc('minute', now()) - interval '" + (day - 1)
                        + " days' - interval '1 minute', interval '1 minute') t");
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long rows = (long) monitors * days * 1440;
            System.out.printf("generated %,d results (%d monitors x %d days x 1-minute) in %.0f s (%,.0f rows/s)%n",
                    rows, monitors, days, loadSeconds, rows / loadSeconds);
            long t1 = System.nanoTime();
            if (timescale) {
                c.setAutoCommit(true);
                s.execute("CALL refresh_continuous_aggregate('check_results_hourly', now() - interval '" + (days + 1)
                        + " days', now())");
            } else {
                s.execute("SELECT vigil_rollup_check_results('hour', now() - interval '" + (days + 1)
                        + " days', now())");
            }
            System.out.printf("hourly rollup of all of it: %.0f s%n", (System.nanoTime() - t1) / 1e9);
            // Three 20-minute outages per monitor, as transitions.
            s.execute("INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason) "
                    + "SELECT id, workspace_id, 'PENDING', 'UP', now() - interval '" + days + " days', 'bench' "
                    + "FROM monitors");
            s.execute("INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason) "
                    + "SELECT id, workspace_id, x.f, x.t, now() - make_interval(days => d) + x.o, 'bench' "
                    + "FROM monitors, generate_series(1, 3) d, (VALUES ('UP', 'DOWN', interval '0'), "
                    + "('DOWN', 'UP', interval '20 minutes')) x(f, t, o)");
            s.execute("ANALYZE");
            List<UUID> ids = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT id FROM monitors")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            String downtime = Files.readString(Path.of("bench/ingest/uptime-90d.sql"));
            try (PreparedStatement q = c.prepareStatement(downtime)) {
                double[] millis = new double[Math.min(1000, ids.size() * 2)];
                for (int i = 0; i < millis.length; i++) {
                    UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    for (int p = 1; p <= q.getParameterMetaData().getParameterCount(); p++) {
                        q.setObject(p, id);
                    }
                    long start = System.nanoTime();
                    try (var rs = q.executeQuery()) {
                        rs.next();
                    }
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                System.out.printf("90-day uptime query (%d runs on random monitors): p50 %.2f ms, p95 %.2f ms, "
                        + "max %.2f ms%n", millis.length, millis[millis.length / 2],
                        millis[(int) (millis.length * 0.95)], millis[millis.length - 1]);
            }
        }
    }

    private static List<CheckResult> batch(UUID monitor, Instant base, long[] next, int size) {
        List<CheckResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(result(monitor, base, next[0]++));
        }
        return results;
    }

    /** A realistic result: phase timings, a status code, now and then a failure with its message. */
    private static CheckResult result(UUID monitor, Instant base, long n) {
        Instant at = base.plusMillis(n * 10);
        UUID round = JobIds.round(monitor, at);
        boolean ok = n % 50 != 0;
        return new CheckResult(JobIds.job(round, "local-a", JobKind.SCHEDULED), round, monitor, monitor, "local-a",
                JobKind.SCHEDULED, at, at.plusMillis(3), ok, false, 40 + n % 90, new PhaseTimings(2L, 5L, 11L, 30L),
                ok ? 200 : 503, ok ? null : ErrorKind.HTTP_STATUS, ok ? null : "HTTP status 503", List.of(), List.of(),
                80, 1432L, 1);
    }

    private static void bind(PreparedStatement ps, CheckResult r) throws Exception {
        ps.setTimestamp(1, Timestamp.from(r.scheduledAt()));
        ps.setObject(2, r.jobId());
        ps.setObject(3, r.roundId());
        ps.setObject(4, r.monitorId());
        ps.setObject(5, r.workspaceId());
        ps.setString(6, r.region());
        ps.setString(7, r.kind().name());
        ps.setTimestamp(8, Timestamp.from(r.startedAt()));
        ps.setBoolean(9, r.ok());
        ps.setBoolean(10, r.degraded());
        ps.setInt(11, (int) r.latencyMs());
        ps.setInt(12, r.timings().dnsMs().intValue());
        ps.setInt(13, r.timings().connectMs().intValue());
        ps.setInt(14, r.timings().tlsMs().intValue());
        ps.setInt(15, r.timings().firstByteMs().intValue());
        ps.setObject(16, r.statusCode() == null ? null : r.statusCode().shortValue(), java.sql.Types.SMALLINT);
        ps.setString(17, r.error() == null ? null : r.error().name());
        ps.setString(18, r.message());
        ps.setString(19, null);
        ps.setObject(20, r.tlsDaysLeft(), java.sql.Types.INTEGER);
        ps.setObject(21, r.responseBytes(), java.sql.Types.BIGINT);
        ps.setShort(22, (short) r.attempts());
    }

    private static String serverVersion(TestDatabase database) throws Exception {
        try (Connection c = database.connect(); var rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + (database.hasTimescale() ? " + TimescaleDB" : " (plain)");
        }
    }

    /** Wall time, this JVM's CPU time and the whole machine's busy CPU time (PostgreSQL's included). */
    private record Measure(long wallStart, long cpuStart, long[] machineStart) {

        static Measure start() throws Exception {
            return new Measure(System.nanoTime(), jvmCpu(), machineJiffies());
        }

        void report(String what, int batch, long rows) throws Exception {
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            double jvm = (jvmCpu() - cpuStart) / 1e9;
            long[] now = machineJiffies();
            double busy = now[0] - machineStart[0];
            double total = now[1] - machineStart[1];
            System.out.printf("%-32s batch %5d: %,9.0f rows/s  (%,d rows in %.1f s; JVM CPU %.1f s; machine CPU "
                            + "%.0f%% of %d cores)%n", what, batch, rows / seconds, rows, seconds, jvm,
                    100 * busy / total, Runtime.getRuntime().availableProcessors());
        }

        private static long jvmCpu() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** From /proc/stat: busy and total jiffies of all CPUs. */
        private static long[] machineJiffies() throws Exception {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {user + system, user + system + idle};
        }
    }
}
