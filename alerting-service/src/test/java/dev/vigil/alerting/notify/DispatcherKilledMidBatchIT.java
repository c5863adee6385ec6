package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.net.TargetPolicy;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Batch claims, concurrent sends and batched outcome records keep exactly-once delivery: a dispatcher process killed
 * with SIGKILL in the middle of a batch (some outcomes recorded, some sent and not recorded, some not sent yet) loses
 * no delivery, and the receiver, deduping by delivery id, gets each notification once. Only deliveries whose attempt
 * was in flight at the kill are sent a second time, with the same id.
 */
class DispatcherKilledMidBatchIT {

    private static final int EVENTS = 600;
    private static final int BATCH = 200;
    private static final int CONCURRENCY = 32;

    @Test
    void aDispatcherKilledMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
        try (NotifyHarness harness = new NotifyHarness(); Receiver receiver = Receiver.slow(Duration.ofMillis(100))) {
            UUID workspace = harness.workspace();
            UUID channel = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/batch"),
                    "secret", "webhook-secret-000000036"), false);
            for (int i = 0; i < EVENTS; i++) {
                MonitorRef monitor = harness.monitor(workspace, "Batch " + i);
                harness.link(monitor, channel);
                harness.open(monitor);
            }

            Process child = new ProcessBuilder(List.of(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-cp", System.getProperty("java.class.path"), DrainingDispatcherMain.class.getName(),
                    harness.database.jdbcUrl(), harness.clock.instant().toString(), Integer.toString(BATCH),
                    Integer.toString(CONCURRENCY)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Killed as soon as the first outcomes of the first batch are recorded: the rest of that batch is then
            // still being sent (a hundred more outcomes take at least four waves of the receiver's delay).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (statuses(harness, channel).getOrDefault("DELIVERED", 0L) == 0 && System.nanoTime() < deadline
                    && child.isAlive()) {
                Thread.sleep(5);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Map<String, Long> byStatus = statuses(harness, channel);
            assertThat(byStatus.getOrDefault("DELIVERED", 0L)).as("killed after some outcomes were recorded: %s",
                    byStatus).isPositive();
            assertThat(byStatus.getOrDefault("DELIVERED", 0L)).as("and before the end: %s", byStatus)
                    .isLessThan(EVENTS);
            assertThat(byStatus.getOrDefault("SENDING", 0L)).as("some were claimed and not recorded: %s", byStatus)
                    .isPositive();

            NotifyProperties properties = NotifyHarness.properties(URI.create("http://127.0.0.1:9/pd"),
                    URI.create("http://127.0.0.1:9/tg"), Integer.MAX_VALUE, BATCH, CONCURRENCY);
            Dispatcher survivor = harness.dispatcher(properties, null, TargetPolicy.allowingPrivate());
            harness.clock.advance(harness.queue(properties).lease().plusSeconds(1));
            for (int idle = 0; idle < 3; ) {
                idle = survivor.runOnce() == 0 ? idle + 1 : 0;
            }

            assertThat(statuses(harness, channel)).isEqualTo(Map.of("DELIVERED", (long) EVENTS));
            Map<String, Long> posts = receiver.requests().stream().filter(r -> r.path().equals("/batch"))
                    .collect(Collectors.groupingBy(r -> r.header("X-Vigil-Delivery"), Collectors.counting()));
            assertThat(posts).as("no delivery lost: every one reached the receiver").hasSize(EVENTS);
            List<String> resent = posts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            assertThat(posts.values()).as("none sent more than twice").allMatch(n -> n <= 2);
            // Sent twice only where the first attempt was in flight at the kill, and recorded as such.
            for (String id : resent) {
                assertThat(harness.jdbc.sql("SELECT outcome FROM delivery_attempts WHERE delivery_id = ? ORDER BY "
                        + "attempt").param(UUID.fromString(id)).query(String.class).list())
                        .containsExactly("ABANDONED", "DELIVERED");
            }
            assertThat(harness.jdbc.sql("""
                            SELECT count(*) FROM delivery_attempts a JOIN notification_deliveries d
                              ON d.id = a.delivery_id
                            WHERE d.channel_id = ? AND a.outcome = 'DELIVERED'""")
                    .param(channel).query(Long.class).single()).as("one recorded delivery each").isEqualTo(EVENTS);
        }
    }

    private static Map<String, Long> statuses(NotifyHarness harness, UUID channel) {
        return harness.jdbc.sql("SELECT status FROM notification_deliveries WHERE channel_id = ?").param(channel)
                .query(String.class).list().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
