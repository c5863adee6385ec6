package dev.vigil.scheduler.bench;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.SqsClients;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.common.sqs.embedded.EmbeddedSqsServer;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.scheduler.SchedulerProcess;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.schedule.RoundClock;
import dev.vigil.scheduler.schedule.Schedule;
import dev.vigil.scheduler.round.ScheduledMonitor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The scheduler benchmark (bench/scheduler/run.sh): N one-minute monitors in a fresh database, the embedded ElasticMQ
 * in this JVM, and, one after the other in child JVMs, the scheduler-service itself and the scan-every-tick baseline.
 * For each: warm-up, then a measured window of schedule lag (from the lag histogram's buckets), jobs/s (meters and the
 * queue depth), the child's CPU (/proc) and heap. Then, in this JVM, due-round extraction alone for 1M monitors: the
 * service's heap-ordered schedule against a scan of all monitors every tick.
 *
 * <p>Arguments: monitors, warm-up seconds, measured seconds, child JVM options (one string).
 */
public final class SchedulerBench {

    private static final String REGION = "bench-a";

    private SchedulerBench() {
    }

    private record Figures(String name, double seconds, double jobsPerSecond, double queuedPerSecond, double p50,
                           double p99, double max, double cpuCores, double heapUsedMb, double heapCommittedMb,
                           double sqsCpuCores, double unsent, double sendErrors, double skipped) {
    }

    public static void main(String[] args) throws Exception {
        int monitors = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int measured = Integer.parseInt(args[2]);
        List<String> jvm = List.of(args.length > 3 ? args[3].split(" ") : new String[] {"-Xmx512m"});

        try (TestDatabase database = TestDatabase.createMigrated();
             EmbeddedSqsServer sqsServer = EmbeddedSqsServer.start(0)) {
            long seedStart = System.nanoTime();
            seed(database, monitors);
            System.out.printf("seeded %,d one-minute monitors in %.1f s%n", monitors,
                    (System.nanoTime() - seedStart) / 1e9);
            String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6) + "-";
            SqsAsyncClient sqs = SqsClients.create(new SqsProperties(sqsServer.endpoint(), "us-east-1", null, null,
                    prefix, true, Duration.ofSeconds(1), 100));
            String queue = new QueueNames(prefix).checks(REGION, FrequencyBucket.M1);

            double ceiling = sqsCeiling(sqs, prefix, 15);
            List<Figures> results = new ArrayList<>();
            int port = freePort();
            Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
            properties.put("vigil.sqs.endpoint", sqsServer.endpoint().toString());
            properties.put("vigil.sqs.queue-prefix", prefix);
            properties.put("vigil.regions[0].id", REGION);
            properties.put("server.port", Integer.toString(port));
            // Metrics on the same port, which the bench reads.
            properties.put("management.server.port", Integer.toString(port));
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.dev.vigil", "INFO");
            results.add(measure("vigil scheduler-service (heap schedule)",
                    () -> SchedulerProcess.start("service", properties, jvm), port, sqs, queue, warmup, measured));

            int basePort = freePort();
            results.add(measure("baseline: scan all monitors every 100 ms tick",
                    () -> SchedulerProcess.start("scan", ScanEveryTickScheduler.class,
                            List.of(database.jdbcUrl(), sqsServer.endpoint().toString(), prefix, REGION,
                                    Integer.toString(basePort)), jvm),
                    basePort, sqs, queue, warmup, measured));

            System.out.println();
            System.out.printf("%,d monitors at a 1-minute interval (%,.0f jobs/s due), %d s measured after %d s "
                    + "warm-up, child JVM %s%n", monitors, monitors / 60.0, measured, warmup, String.join(" ", jvm));
            System.out.printf("ElasticMQ warm-up before the runs (cold client and server, SendMessageBatch x10, 32 calls "
                    + "in flight): %,.0f messages/s%n", ceiling);
            System.out.println("| scheduler | jobs/s (meter) | messages/s (queue, purged every 5 s; up to 25 jobs each) "
                    + "| lag p50 | lag p99 | lag max "
                    + "| CPU (cores) | heap used / committed | ElasticMQ CPU | send errors / unsent / skipped rounds |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Figures f : results) {
                System.out.printf("| %s | %,.0f | %,.0f | %s | %s | %s | %.3f | %.0f / %.0f MB | %.2f "
                                + "| %.0f / %.0f / %.0f |%n",
                        f.name(), f.jobsPerSecond(), f.queuedPerSecond(), ms(f.p50()), ms(f.p99()), ms(f.max()),
                        f.cpuCores(), f.heapUsedMb(), f.heapCommittedMb(), f.sqsCpuCores(), f.sendErrors(),
                        f.unsent(), f.skipped());
            }
        }
        extraction(1_000_000);
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.0f ms", seconds * 1000);
    }

    private static Figures measure(String name, Supplier<SchedulerProcess> starter, int port, SqsAsyncClient sqs,
                                   String queue, int warmup, int measured) throws Exception {
        System.out.printf("== %s: starting%n", name);
        try (SchedulerProcess child = starter.get()) {
            if (child.awaitLine("active scheduler now", Duration.ofSeconds(180)).isEmpty()) {
                throw new IllegalStateException(name + " did not become active:\n" + child.output());
            }
            System.out.printf("== %s: active, %d s warm-up%n", name, warmup);
            Thread.sleep(warmup * 1000L);
            // Probes would drain the queue; here it is purged every 5 s (its depth counted first) so ElasticMQ does
            // not hold a growing backlog. The count misses what lands between the depth read and the purge.
            String url = sqs.getQueueUrl(q -> q.queueName(queue)).join().queueUrl();
            purge(sqs, url);
            Map<String, Double> before = scrape(port);
            long cpuBefore = cpuTicks(child.pid());
            long ownCpuBefore = ownCpuNanos();
            long queued = 0;
            long start = System.nanoTime();
            long end = start + measured * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                queued += purge(sqs, url);
            }
            Map<String, Double> after = scrape(port);
            long cpuAfter = cpuTicks(child.pid());
            long ownCpuAfter = ownCpuNanos();
            double seconds = (System.nanoTime() - start) / 1e9;

            TreeMap<Double, Double> buckets = new TreeMap<>();
            after.forEach((key, value) -> {
                if (key.startsWith("vigil_scheduler_lag_seconds_bucket")) {
                    double le = le(key);
                    buckets.merge(le, value - before.getOrDefault(key, 0.0), Double::sum);
                }
            });
            double emitted = sum(after, "vigil_scheduler_jobs_emitted_total") - sum(before,
                    "vigil_scheduler_jobs_emitted_total");
            double unsent = sum(after, "vigil_scheduler_jobs_unsent_total") - sum(before,
                    "vigil_scheduler_jobs_unsent_total");
            double sendErrors = sum(after, "vigil_scheduler_send_errors_total") - sum(before,
                    "vigil_scheduler_send_errors_total");
            double skipped = sum(after, "vigil_scheduler_rounds_skipped_total") - sum(before,
                    "vigil_scheduler_rounds_skipped_total");
            double heapUsed = sumWhere(after, "jvm_memory_used_bytes", "area=\"heap\"") / 1e6;
            double heapCommitted = sumWhere(after, "jvm_memory_committed_bytes", "area=\"heap\"") / 1e6;
            double max = sum(after, "vigil_scheduler_lag_seconds_max");
            Figures figures = new Figures(name, seconds, emitted / seconds, queued / seconds,
                    quantile(buckets, 0.5), quantile(buckets, 0.99), max,
                    (cpuAfter - cpuBefore) / 100.0 / seconds, heapUsed, heapCommitted,
                    (ownCpuAfter - ownCpuBefore) / 1e9 / seconds, unsent, sendErrors, skipped);
            System.out.println("   " + figures);
            return figures;
        }
    }

    /**
     * Warms ElasticMQ (and this JVM's client) up before the first measured run, so the first scheduler does not pay
     * for its JIT: the same kind of batches the scheduler sends (ten ~600-byte messages a call, 32 calls in flight),
     * as fast as it answers, for {@code seconds}. The rate it prints is a cold figure, not ElasticMQ's ceiling.
     */
    private static double sqsCeiling(SqsAsyncClient sqs, String prefix, int seconds) throws Exception {
        String name = prefix + "ceiling";
        String url = sqs.createQueue(r -> r.queueName(name)).join().queueUrl();
        String body = "x".repeat(600);
        List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i)).messageBody(body).build());
        }
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(32);
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nextPurge = start + 5_000_000_000L;
        while (System.nanoTime() < end) {
            slots.acquire();
            sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).whenComplete((response, failure) -> {
                if (failure == null) {
                    sent.addAndGet(response.successful().size());
                }
                slots.release();
            });
            if (System.nanoTime() > nextPurge) {
                sqs.purgeQueue(r -> r.queueUrl(url));
                nextPurge += 5_000_000_000L;
            }
        }
        slots.acquire(32);
        double rate = sent.get() / ((System.nanoTime() - start) / 1e9);
        sqs.deleteQueue(r -> r.queueUrl(url)).join();
        System.out.printf("== ElasticMQ warm-up: %,.0f messages/s%n", rate);
        return rate;
    }

    /** The upper bound of the bucket where the cumulative count reaches {@code q} of the total. */
    private static double quantile(TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double le(String key) {
        int at = key.indexOf("le=\"") + 4;
        String value = key.substring(at, key.indexOf('"', at));
        return "+Inf".equals(value) ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
    }

    private static double sum(Map<String, Double> metrics, String name) {
        return sumWhere(metrics, name, "");
    }

    private static double sumWhere(Map<String, Double> metrics, String name, String labelPart) {
        return metrics.entrySet().stream()
                .filter(e -> (e.getKey().startsWith(name + "{") || e.getKey().equals(name))
                        && e.getKey().contains(labelPart))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Map<String, Double> scrape(int port) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                metrics.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return metrics;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU time of the calling thread: the machine is shared, so wall time would count other processes' work. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Empties the queue, answering how many messages it held just before. */
    private static int purge(SqsAsyncClient sqs, String url) {
        int depth = depth(sqs, url);
        sqs.purgeQueue(r -> r.queueUrl(url)).join();
        return depth;
    }

    private static int depth(SqsAsyncClient sqs, String url) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void seed(TestDatabase database, int monitors) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'bench')").param(workspace).update();
        jdbc.sql("""
                INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, regions)
                SELECT gen_random_uuid(), ?, 'm' || g, 'HTTP',
                       jsonb_build_object('type', 'HTTP', 'url', 'https://example.com/' || g), 60, 5000, ?
                FROM generate_series(1, ?) g""")
                .params(workspace, new String[] {REGION}, monitors).update();
    }

    /**
     * Due-round extraction alone, in this JVM, for {@code count} one-minute monitors at a 100 ms tick: the
     * heap-ordered {@link Schedule} over one simulated minute against scanning every monitor each tick over ten
     * simulated seconds (scaled to a minute: its cost does not depend on how many rounds are due). A first pass on a
     * tenth of the monitors warms the JIT up.
     */
    private static void extraction(int count) {
        extractionPass(count / 10, false);
        extractionPass(count, true);
    }

    private static void extractionPass(int count, boolean print) {
        Random random = new Random(7);
        List<ScheduledMonitor> monitors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            monitors.add(new ScheduledMonitor(new UUID(random.nextLong(), random.nextLong()), UUID.randomUUID(),
                    HttpCheck.get("https://example.com"), 60, 5000, null, List.of(REGION), 0));
        }
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Schedule schedule = new Schedule();
        long buildStart = cpu();
        schedule.replaceAll(monitors, start);
        long build = cpu() - buildStart;
        long heapDue = 0;
        long heapStart = cpu();
        for (int tick = 1; tick <= 600; tick++) {
            heapDue += schedule.takeDue(start.plusMillis(tick * 100L)).size();
        }
        long heapNanos = cpu() - heapStart;

        long scanDue = 0;
        long scanStart = cpu();
        long last = start.toEpochMilli();
        for (int tick = 1; tick <= 100; tick++) {
            long now = start.toEpochMilli() + tick * 100L;
            Instant nowInstant = Instant.ofEpochMilli(now);
            List<DueRound> due = new ArrayList<>();
            for (ScheduledMonitor m : monitors) {
                Instant round = RoundClock.roundAtOrBefore(m.id(), 60, nowInstant);
                if (round.toEpochMilli() > last) {
                    due.add(new DueRound(m, round));
                }
            }
            scanDue += due.size();
            last = now;
        }
        long scanNanos = cpu() - scanStart;
        if (print) {
            System.out.println();
            System.out.printf("due-round extraction, %,d one-minute monitors (%,d rounds a minute), 100 ms ticks, "
                    + "one thread:%n", count, heapDue);
            System.out.printf("| heap schedule (service) | %,.0f ms CPU per simulated minute | %.0f ns per round "
                    + "| build %,.0f ms |%n", heapNanos / 1e6, (double) heapNanos / heapDue, build / 1e6);
            System.out.printf("| scan every tick (baseline) | %,.0f ms CPU per simulated minute | %.0f ns per round "
                    + "| (10 s simulated, x6) |%n", scanNanos * 6 / 1e6, scanNanos * 6.0 / Math.max(1, scanDue * 6));
        }
    }
}
