package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher process killed between the send and the recording of its outcome: the receiver got the
 * notification, the database still says SENDING. Another instance takes the delivery over when the lease runs out
 * and sends it again with the same delivery id, so the receiver, deduping by that id, has one notification.
 */
class DispatcherCrashIT {

    @Test
    void aKilledDispatcherCausesNoSecondDeliveredNotification() throws Exception {
        try (NotifyHarness harness = new NotifyHarness(); Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Killed dispatcher");
            UUID channel = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/killed"),
                    "secret", "webhook-secret-000000013"), false);
            harness.link(monitor, channel);
            harness.open(monitor);

            Process child = new ProcessBuilder(List.of(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-cp", System.getProperty("java.class.path"), CrashingDispatcherMain.class.getName(),
                    harness.database.jdbcUrl(), harness.clock.instant().toString()))
                    .redirectErrorStream(true).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isEqualTo(137);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(harness.deliveries(channel).getFirst().get("status")).isEqualTo("SENDING");

            Dispatcher survivor = harness.dispatcher();
            harness.clock.advance(harness.queue(NotifyHarness.properties()).lease().plusSeconds(1));
            NotifyHarness.drain(survivor);

            assertThat(harness.deliveries(channel).getFirst().get("status")).isEqualTo("DELIVERED");
            List<String> ids = receiver.requests().stream().map(r -> r.header("X-Vigil-Delivery")).toList();
            assertThat(ids).hasSize(2);
            assertThat(ids.stream().distinct().count()).as("one notification after deduplication").isEqualTo(1);
            assertThat(harness.jdbc.sql("SELECT outcome FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt")
                    .param(UUID.fromString(ids.getFirst())).query(String.class).list())
                    .containsExactly("ABANDONED", "DELIVERED");
        }
    }
}
