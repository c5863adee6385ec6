package dev.vigil.local.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One measured window of the running pipeline, and its figures against the goals of issue 21: rounds stored (by
 * scheduled time), probe start and storage lag p50/p99, p99 per minute (steady or growing), queue depths, and CPU per
 * check of the stack's JVM, PostgreSQL and nginx.
 */
final class Window {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Connection db;
    private final long stackPid;
    private final StackMetrics metrics;

    Window(Connection db, long stackPid, StackMetrics metrics) {
        this.db = db;
        this.stackPid = stackPid;
        this.metrics = metrics;
    }

    void run(Instant t0, int seconds, int monitors) throws Exception {
        Instant t1 = t0.plusSeconds(seconds);
        System.out.printf("== measuring %d s from %s (load average %s)%n", seconds, t0, ProcessCpu.loadAverage());
        ProcessCpu stack = new ProcessCpu(() -> java.util.Set.of(stackPid));
        ProcessCpu postgres = new ProcessCpu(() -> PipelineBench.postgresPids(db));
        ProcessCpu nginx = new ProcessCpu(PipelineBench::nginxPids);
        double stale0 = metrics.sum("vigil_probe_jobs_stale_total");
        double skipped0 = metrics.sum("vigil_scheduler_rounds_skipped_total");
        double confirms0 = metrics.sum("vigil_evaluation_confirmations_asked_total");
        Map<String, Double> calls0 = sqsCalls();
        long xacts0 = transactions();
        Profiler profiler = Profiler.startIfWanted(stackPid);
        long[] machine0 = ProcessCpu.machineTicks();
        List<ProcessCpu> all = List.of(stack, postgres, nginx);
        all.forEach(ProcessCpu::sample);
        Instant nextDepths = t0;
        StringBuilder loads = new StringBuilder();
        while (Instant.now().isBefore(t1)) {
            Thread.sleep(Math.min(SAMPLE_EVERY.toMillis(), Math.max(1, Duration.between(Instant.now(), t1).toMillis())));
            all.forEach(ProcessCpu::sample);
            if (!Instant.now().isBefore(nextDepths)) {
                Map<String, Long> depths = metrics.queueDepths();
                String load = ProcessCpu.loadAverage();
                loads.append(load, 0, load.indexOf(' ')).append(' ');
                System.out.printf("  t+%3ds queues %s load %s%n", Duration.between(t0, Instant.now()).toSeconds(),
                        depths, load);
                nextDepths = nextDepths.plusSeconds(30);
            }
        }
        all.forEach(ProcessCpu::sample);
        long[] machine1 = ProcessCpu.machineTicks();
        long xacts = transactions() - xacts0;
        profiler.stop();
        double stale = metrics.sum("vigil_probe_jobs_stale_total") - stale0;
        double skipped = metrics.sum("vigil_scheduler_rounds_skipped_total") - skipped0;
        double confirms = metrics.sum("vigil_evaluation_confirmations_asked_total") - confirms0;
        Map<String, Double> calls1 = sqsCalls();
        Thread.sleep(SETTLE.toMillis());

        long expected = (long) monitors * 3 * seconds / PipelineBench.INTERVAL;
        String scheduled = "FROM check_results WHERE kind = 'SCHEDULED' AND time >= ? AND time < ?";
        double[] start = PipelineBench.percentiles(db, "extract(epoch FROM started_at - time)", scheduled, t0, t1);
        double[] stored = PipelineBench.percentiles(db, "extract(epoch FROM received_at - time)", scheduled, t0, t1);
        long checks = PipelineBench.count(db, "SELECT coalesce(sum(attempts), 0) FROM check_results "
                + "WHERE started_at >= ? AND started_at < ?", t0, t1);
        List<String> perMinute = PipelineBench.column(db, """
                SELECT to_char(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), 'FM990.0')
                FROM (SELECT floor(extract(epoch FROM time - ?::timestamptz) / 60) AS minute,
                             extract(epoch FROM received_at - time) AS lag
                      FROM check_results WHERE kind = 'SCHEDULED' AND time >= ? AND time < ?) r
                GROUP BY minute ORDER BY minute""", t0, t0, t1);

        double cpu = stack.seconds() + postgres.seconds() + nginx.seconds();
        double machineCores = (machine1[0] - machine0[0]) / (double) (machine1[1] - machine0[1])
                * Runtime.getRuntime().availableProcessors();
        double storedShare = stored[0] / expected;
        double cpuPerCheckMs = checks == 0 ? Double.NaN : cpu * 1000 / checks;
        System.out.printf("""
                window: seconds=%d monitors=%d expected_rounds=%d stored_rounds=%d stored_share=%.4f%%
                lag: start_p50_s=%.2f start_p99_s=%.2f start_max_s=%.1f stored_p50_s=%.2f stored_p99_s=%.2f stored_max_s=%.1f
                lag: stored_p99_s_per_minute=%s
                cpu: checks_run=%d checks_per_s=%.0f stack_cpu_s=%.1f postgres_cpu_s=%.1f nginx_cpu_s=%.1f \
                total_cores=%.2f cpu_per_check_ms=%.3f machine_busy_cores=%.2f
                probes: stale_dropped=%.0f scheduler_skipped=%.0f confirmations_requested=%.0f
                postgres: transactions=%d transactions_per_check=%.2f
                sqs: calls_per_check=%s
                load: %s
                """, seconds, monitors, expected, (long) stored[0], storedShare * 100, start[1], start[2], start[3],
                stored[1], stored[2], stored[3], perMinute, checks, checks / (double) seconds, stack.seconds(),
                postgres.seconds(), nginx.seconds(), cpu / seconds, cpuPerCheckMs, machineCores, stale, skipped,
                confirms, xacts, checks == 0 ? Double.NaN : xacts / (double) checks, perCheck(calls0, calls1, checks),
                loads.toString().trim());
        System.out.printf("""
                goals: stored >= 99.9%%: %s | start p99 <= 2 s: %s | stored p99 <= 10 s: %s | CPU/check <= 2 ms: %s
                """, mark(storedShare >= 0.999), mark(start[2] <= 2), mark(stored[2] <= 10),
                mark(cpuPerCheckMs <= 2));
    }

    private static final List<String> OPERATIONS = List.of("SendMessageBatch", "SendMessage", "ReceiveMessage",
            "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibility");

    /** SQS calls so far by operation, as the services' clients counted them. */
    private Map<String, Double> sqsCalls() {
        Map<String, Double> calls = new java.util.LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            calls.put(operation, metrics.sum("vigil_sqs_requests_seconds_count", "operation=\"" + operation + "\""));
        }
        return calls;
    }

    private static String perCheck(Map<String, Double> before, Map<String, Double> after, long checks) {
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (String operation : OPERATIONS) {
            double calls = after.get(operation) - before.get(operation);
            total += calls;
            if (calls > 0) {
                text.append(operation).append(':').append(String.format("%.3f", calls / Math.max(checks, 1))).append(' ');
            }
        }
        return String.format("%.3f (%s)", total / Math.max(checks, 1), text.toString().trim());
    }

    private long transactions() throws java.sql.SQLException {
        return PipelineBench.count(db, "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                + "WHERE datname = current_database()");
    }

    static String mark(boolean met) {
        return met ? "met" : "NOT met";
    }
}
