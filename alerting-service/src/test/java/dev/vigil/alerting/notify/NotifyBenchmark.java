package dev.vigil.alerting.notify;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.alerting.notify.sender.WebhookSender;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Benchmark for bench/notify/run.sh (not part of the test run). On a fresh database, {@code events} incidents open
 * on as many monitors, each linked to one webhook channel on a loopback receiver (JDK HttpServer answering 200);
 * then, each timed from the first outbox row to the last delivery recorded DELIVERED:
 * <ol>
 *   <li>baseline: the same number of signed webhook POSTs straight to the receiver (no database), 50 at a time;</li>
 *   <li>one dispatcher draining the outbox (batched fan-out, batch claim with intent, bounded concurrent sends,
 *       outcomes recorded a hundred to a transaction), at batch 50 / 50 at once (the old default batch), at the
 *       defaults (200 / 32) and at 500 / 64;</li>
 *   <li>two dispatchers on the same database at the defaults, draining the next events together.</li>
 * </ol>
 * It prints the machine's load average before and after, the figure measured before batching (from bench/README.md,
 * for comparison), and what the receiver got: POSTs and distinct delivery ids. Arguments: events (default 2000).
 */
final class NotifyBenchmark {

    /** One dispatcher through the outbox before batching (issue 7, bench/README.md: two runs, load ~15). */
    private static final String BEFORE = "55-83 /s (one dispatcher, batch 50, a transaction per outcome)";

    private NotifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf("load average at start: %s%n", load());
        try (NotifyHarness harness = new NotifyHarness(); Receiver receiver = Receiver.ok()) {
            String url = harness.database.jdbcUrl();
            String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
            UUID workspace = harness.workspace();
            UUID channel = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/bench"),
                    "secret", "benchmark-secret-000001"), false);

            GuardedHttp http = new GuardedHttp(new GuardedHttpClient(new TargetGuard(TargetPolicy.allowingPrivate())));
            Cpu cpu = Cpu.now(database);
            long start = System.nanoTime();
            Semaphore slots = new Semaphore(50);
            List<CompletableFuture<?>> posts = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String body = "{\"event\":\"incident.opened\",\"n\":" + i + "}";
                slots.acquire();
                posts.add(CompletableFuture.runAsync(() -> {
                    try {
                        http.postJson(URI.create(receiver.url("/baseline")), body, Map.of("X-Vigil-Signature",
                                "sha256=" + WebhookSender.hmac("benchmark-secret-000001", body)),
                                Duration.ofSeconds(10));
                    } finally {
                        slots.release();
                    }
                }));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
            report("baseline: direct POSTs, 50 at once, no database", events, start, cpu);
            System.out.printf("%-52s %s%n", "before batching (bench/README.md)", BEFORE);

            for (int[] shape : new int[][] {{50, 50}, {200, 32}, {500, 64}}) {
                open(harness, workspace, channel, events);
                Dispatcher one = harness.dispatcher(properties(shape[0], shape[1]), null,
                        TargetPolicy.allowingPrivate());
                long before = delivered(harness, channel);
                cpu = Cpu.now(database);
                start = System.nanoTime();
                drainAll(one);
                report("one dispatcher, batch " + shape[0] + ", " + shape[1] + " sends at once",
                        delivered(harness, channel) - before, start, cpu);
            }

            open(harness, workspace, channel, events);
            Dispatcher a = harness.dispatcher(properties(200, 32), null, TargetPolicy.allowingPrivate());
            Dispatcher b = harness.dispatcher(properties(200, 32), null, TargetPolicy.allowingPrivate());
            long before = delivered(harness, channel);
            cpu = Cpu.now(database);
            start = System.nanoTime();
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> drainAll(a)),
                    CompletableFuture.runAsync(() -> drainAll(b))).join();
            report("two dispatchers, one database, batch 200, 32", delivered(harness, channel) - before, start,
                    cpu);
            long ids = receiver.requests().stream().filter(r -> r.path().equals("/bench"))
                    .map(r -> r.header("X-Vigil-Delivery")).distinct().count();
            long bench = receiver.requests().stream().filter(r -> r.path().equals("/bench")).count();
            System.out.printf("receiver: %d POSTs, %d distinct delivery ids (expected %d)%n", bench, ids,
                    4L * events);
        }
        System.out.printf("load average at end: %s%n", load());
    }

    private static NotifyProperties properties(int batch, int concurrency) {
        // The rate limit is off: the worst case, every delivery counted against its workspace's rate.
        return NotifyHarness.properties(URI.create("http://127.0.0.1:9/"), URI.create("http://127.0.0.1:9/"),
                Integer.MAX_VALUE, batch, concurrency);
    }

    private static void open(NotifyHarness harness, UUID workspace, UUID channel, int events) {
        for (int i = 0; i < events; i++) {
            MonitorRef monitor = harness.monitor(workspace, "Bench " + i);
            harness.link(monitor, channel);
            harness.open(monitor);
        }
    }

    private static void drainAll(Dispatcher dispatcher) {
        int idle = 0;
        while (idle < 3) {
            idle = dispatcher.runOnce() == 0 ? idle + 1 : 0;
        }
    }

    private static long delivered(NotifyHarness harness, UUID channel) {
        return harness.jdbc.sql("SELECT count(*) FROM notification_deliveries WHERE channel_id = ? AND status = "
                + "'DELIVERED'").param(channel).query(Long.class).single();
    }

    /**
     * Deliveries a second, and the CPU they cost: this JVM's (dispatcher, client and the loopback receiver) and
     * PostgreSQL's (every {@code postgres} process), per delivery. On a machine shared with other work the rate
     * follows the share of the cores the run got; CPU per delivery does not, and gives the rate the two cores would
     * allow on their own ({@code 2 cores / CPU per delivery}).
     */
    private static void report(String what, long deliveries, long startNanos, Cpu from) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Cpu to = Cpu.now(from.database());
        double jvmMs = (to.jvmNanos - from.jvmNanos) / 1e6 / deliveries;
        double pgMs = (to.postgresTicks - from.postgresTicks) * 10.0 / deliveries;
        System.out.printf("%-52s %6d deliveries in %6.2f s = %8.1f /s | CPU per delivery %.3f ms (JVM %.3f + "
                        + "PostgreSQL %.3f): 2 cores allow %.0f /s%n", what, deliveries, seconds, deliveries / seconds,
                jvmMs + pgMs, jvmMs, pgMs, 2000 / (jvmMs + pgMs));
    }

    /** CPU used so far by this JVM (ns) and by the backends serving {@code database} (clock ticks of 10 ms). */
    private record Cpu(String database, long jvmNanos, long postgresTicks) {

        static Cpu now(String database) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        // Only this database's backends: other work on the same server is not this run's.
                        if (!Files.readString(proc.resolve("comm")).trim().equals("postgres")
                                || !Files.readString(proc.resolve("cmdline")).contains(database)) {
                            continue;
                        }
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    } catch (Exception gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (Exception e) {
                // no /proc: PostgreSQL's share stays unknown (0)
            }
            return new Cpu(database, jvm, ticks);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
