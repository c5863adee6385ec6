package dev.vigil.alerting.notify;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark for bench/notify/run.sh (not part of the test run). On a fresh database, {@code events} incidents open
 * on as many monitors, each linked to one webhook channel on a loopback receiver; then, each timed:
 * <ol>
 *   <li>baseline: the same number of signed webhook POSTs straight to the receiver (no database), 50 at a time;</li>
 *   <li>one dispatcher draining the outbox (fan-out, claim with intent, send, record);</li>
 *   <li>two dispatchers on the same database draining the next batch of as many events together.</li>
 * </ol>
 * Arguments: events (default 2000).
 */
final class NotifyBenchmark {

    private NotifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (NotifyHarness harness = new NotifyHarness(); Receiver receiver = Receiver.ok()) {
            NotifyProperties properties = NotifyHarness.properties(URI.create("http://127.0.0.1:9/"),
                    URI.create("http://127.0.0.1:9/"), Integer.MAX_VALUE, 50);
            UUID workspace = harness.workspace();
            UUID channel = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/bench"),
                    "secret", "benchmark-secret-000001"), false);

            GuardedHttp http = new GuardedHttp(new GuardedHttpClient(new TargetGuard(TargetPolicy.allowingPrivate())));
            long start = System.nanoTime();
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String body = "{\"event\":\"incident.opened\",\"n\":" + i + "}";
                batch.add(CompletableFuture.runAsync(() -> http.postJson(URI.create(receiver.url("/baseline")), body,
                        Map.of("X-Vigil-Signature", "sha256=" + dev.vigil.alerting.notify.sender.WebhookSender
                                .hmac("benchmark-secret-000001", body)), Duration.ofSeconds(10))));
                if (batch.size() == 50) {
                    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
                    batch.clear();
                }
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
            report("baseline: direct POSTs, 50 concurrent, no database", events, start);

            open(harness, workspace, channel, events);
            Dispatcher one = harness.dispatcher(properties, null, TargetPolicy.allowingPrivate());
            start = System.nanoTime();
            drainAll(one);
            report("one dispatcher (batch 50)", delivered(harness, channel), start);

            open(harness, workspace, channel, events);
            Dispatcher a = harness.dispatcher(properties, null, TargetPolicy.allowingPrivate());
            Dispatcher b = harness.dispatcher(properties, null, TargetPolicy.allowingPrivate());
            long before = delivered(harness, channel);
            start = System.nanoTime();
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> drainAll(a)),
                    CompletableFuture.runAsync(() -> drainAll(b))).join();
            report("two dispatchers, one database", delivered(harness, channel) - before, start);
            long ids = receiver.requests().stream().filter(r -> r.path().equals("/bench"))
                    .map(r -> r.header("X-Vigil-Delivery")).distinct().count();
            long posts = receiver.requests().stream().filter(r -> r.path().equals("/bench")).count();
            System.out.printf("receiver: %d POSTs, %d distinct delivery ids%n", posts, ids);
        }
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

    private static void report(String what, long deliveries, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-52s %6d deliveries in %6.2f s = %8.1f /s%n", what, deliveries, seconds,
                deliveries / seconds);
    }
}
