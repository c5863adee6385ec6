package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly one delivered notification per (event, channel) through receiver outages, dispatcher crashes between send
 * and record, and several dispatchers at once; at least 24 hours of retries; unhealthy channels; the SSRF guard at
 * send time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryGuaranteesIT {

    private NotifyHarness harness;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private UUID webhook(UUID workspace, Receiver receiver, String path) {
        return harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url(path),
                "secret", "webhook-secret-000000009"), false);
    }

    private String status(UUID channel) {
        var deliveries = harness.deliveries(channel);
        return deliveries.isEmpty() ? "NONE" : (String) deliveries.getFirst().get("status");
    }

    @Test
    void aReceiverThatFailsForAWhileGetsTheEventOnceWithTheSameDeliveryId() throws Exception {
        try (Receiver receiver = Receiver.failingFirst(4)) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Flaky receiver");
            UUID channel = webhook(workspace, receiver, "/hook");
            harness.link(monitor, channel);
            harness.open(monitor);
            Dispatcher dispatcher = harness.dispatcher();

            List<Instant> attemptTimes = new ArrayList<>();
            for (int pass = 0; pass < 60 && !status(channel).equals("DELIVERED"); pass++) {
                if (dispatcher.runOnce() > 0) {
                    attemptTimes.add(harness.clock.instant());
                }
                harness.clock.advance(Duration.ofSeconds(10));
            }

            assertThat(status(channel)).isEqualTo("DELIVERED");
            assertThat(receiver.requests()).hasSize(5);
            assertThat(receiver.requests().stream().map(r -> r.header("X-Vigil-Delivery")).distinct().toList())
                    .containsExactly(harness.deliveries(channel).getFirst().get("id").toString());
            assertThat(harness.jdbc.sql("""
                            SELECT outcome || ':' || coalesce(response_code::text, '-') FROM delivery_attempts
                            WHERE delivery_id = ? ORDER BY attempt""")
                    .param(harness.deliveries(channel).getFirst().get("id")).query(String.class).list())
                    .containsExactly("FAILED:503", "FAILED:503", "FAILED:503", "FAILED:503", "DELIVERED:200");
            // Backoff: the gaps between attempts grow (10 s base, doubling, 50–100 % jitter).
            assertThat(Duration.between(attemptTimes.get(3), attemptTimes.get(4)))
                    .isGreaterThan(Duration.between(attemptTimes.get(0), attemptTimes.get(1)));
        }
    }

    @Test
    void aCrashBetweenSendAndRecordSendsTheSameDeliveryIdAgainAndDeliversOnce() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Crash");
            UUID channel = webhook(workspace, receiver, "/crash");
            harness.link(monitor, channel);
            harness.open(monitor);
            NotifyProperties properties = NotifyHarness.properties();
            AtomicBoolean crashed = new AtomicBoolean();
            // The transaction recording the outcome aborts after the receiver got the request, as when the
            // process dies between the two.
            DeliveryQueue crashing = new DeliveryQueue(harness.jdbc,
                    new org.springframework.jdbc.core.JdbcTemplate(harness.dataSource), properties,
                    new ChannelHealth(harness.jdbc, properties), new RetryPolicy(properties.retryBase(),
                    properties.retryMax(), new java.util.Random(1)),
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(harness.dataSource)) {
                @Override
                void completeAll(List<Outcome> outcomes, Instant now) {
                    crashed.set(true);
                    throw new IllegalStateException("killed between send and commit");
                }
            };
            harness.dispatcher(properties, null, TargetPolicy.allowingPrivate(), crashing).runOnce();
            assertThat(crashed).isTrue();
            assertThat(receiver.requests()).hasSize(1);
            assertThat(status(channel)).isEqualTo("SENDING");

            Dispatcher survivor = harness.dispatcher();
            assertThat(survivor.runOnce()).as("the lease still holds").isZero();
            harness.clock.advance(crashing.lease().plusSeconds(1));
            NotifyHarness.drain(survivor);

            assertThat(status(channel)).isEqualTo("DELIVERED");
            List<String> ids = receiver.requests().stream().map(r -> r.header("X-Vigil-Delivery")).toList();
            assertThat(ids).hasSize(2);
            assertThat(ids.stream().distinct().toList()).as("the receiver dedupes to one notification").hasSize(1);
            assertThat(harness.jdbc.sql("""
                            SELECT outcome FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt""")
                    .param(UUID.fromString(ids.getFirst())).query(String.class).list())
                    .containsExactly("ABANDONED", "DELIVERED");
        }
    }

    @Test
    void twoDispatchersAtOnceDeliverEveryEventExactlyOnce() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            UUID channel = webhook(workspace, receiver, "/pair");
            for (int i = 0; i < 30; i++) {
                MonitorRef monitor = harness.monitor(workspace, "M" + i);
                harness.link(monitor, channel);
                harness.open(monitor);
            }
            NotifyProperties small = NotifyHarness.properties(URI.create("http://127.0.0.1:9/"),
                    URI.create("http://127.0.0.1:9/"), 1000, 4);
            Dispatcher a = harness.dispatcher(small, null, TargetPolicy.allowingPrivate());
            Dispatcher b = harness.dispatcher(small, null, TargetPolicy.allowingPrivate());
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> NotifyHarness.drain(a));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> NotifyHarness.drain(b));
            CompletableFuture.allOf(first, second).get();
            NotifyHarness.drain(a);

            List<String> ids = receiver.requests().stream().map(r -> r.header("X-Vigil-Delivery")).toList();
            assertThat(ids).hasSize(30).doesNotHaveDuplicates();
            assertThat(harness.deliveries(channel)).allMatch(d -> d.get("status").equals("DELIVERED")
                    && ((Integer) d.get("attempts")) == 1);
        }
    }

    @Test
    void failingDeliveriesAreRetriedForAtLeastADayThenGivenUp() throws Exception {
        try (Receiver receiver = Receiver.answering(500)) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Always down receiver");
            UUID channel = webhook(workspace, receiver, "/down");
            harness.link(monitor, channel);
            harness.open(monitor);
            Dispatcher dispatcher = harness.dispatcher();
            Instant start = harness.clock.instant();
            while (harness.clock.instant().isBefore(start.plus(Duration.ofHours(24)))) {
                dispatcher.runOnce();
                assertThat(status(channel)).as("at %s", harness.clock.instant()).isIn("PENDING", "SENDING");
                harness.clock.advance(Duration.ofMinutes(30));
            }
            for (int i = 0; i < 6; i++) {
                dispatcher.runOnce();
                harness.clock.advance(Duration.ofMinutes(30));
            }
            assertThat(status(channel)).isEqualTo("FAILED");
            assertThat((Integer) harness.deliveries(channel).getFirst().get("response_code")).isEqualTo(500);
            assertThat(receiver.requests().size()).isGreaterThanOrEqualTo(48);
        }
    }

    @Test
    void aChannelThatKeepsFailingIsMarkedUnhealthyAndTheOthersAreToldOnce() throws Exception {
        try (Receiver broken = Receiver.answering(500); Receiver fine = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Unhealthy channel");
            UUID failing = webhook(workspace, broken, "/broken");
            UUID other = webhook(workspace, fine, "/fine");
            harness.link(monitor, failing);
            harness.open(monitor);
            Dispatcher dispatcher = harness.dispatcher();
            for (int i = 0; i < 8; i++) {
                dispatcher.runOnce();
                harness.clock.advance(Duration.ofMinutes(11));
            }
            assertThat(broken.requests().size()).isGreaterThanOrEqualTo(6);
            assertThat(harness.jdbc.sql("SELECT healthy FROM alert_channels WHERE id = ?").param(failing)
                    .query(Boolean.class).single()).isFalse();
            assertThat(fine.requests()).hasSize(1);
            assertThat(fine.requests().getFirst().header("X-Vigil-Event")).isEqualTo("channel.unhealthy");
            assertThat(fine.requests().getFirst().body()).contains("failed 3 deliveries in a row");
            assertThat(harness.deliveries(other)).hasSize(1);
        }
    }

    @Test
    void eachChannelTypeHasItsOwnTimeout() throws Exception {
        try (Receiver slow = Receiver.slow(Duration.ofSeconds(3))) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Slow receiver");
            UUID channel = webhook(workspace, slow, "/slow");
            harness.link(monitor, channel);
            harness.open(monitor);
            NotifyProperties base = NotifyHarness.properties();
            NotifyProperties quick = new NotifyProperties(true, base.pollInterval(), base.batchSize(),
                    base.sendConcurrency(), base.retryBase(), base.retryMax(), base.giveUpAfter(), base.timeout(),
                    Map.of("WEBHOOK", Duration.ofMillis(500)), base.unhealthyAfter(), base.dashboardUrl(),
                    base.mailFrom(), base.pagerDutyUrl(), base.telegramUrl(), base.rateLimit(), base.rateWindow(),
                    base.flapWindow());
            assertThat(quick.timeoutOf("WEBHOOK")).isEqualTo(Duration.ofMillis(500));
            assertThat(quick.timeoutOf("EMAIL")).isEqualTo(base.timeout());
            harness.dispatcher(quick, null, TargetPolicy.allowingPrivate()).runOnce();

            assertThat(status(channel)).isEqualTo("PENDING");
            assertThat(harness.jdbc.sql("SELECT last_error FROM notification_deliveries WHERE channel_id = ?")
                    .param(channel).query(String.class).single()).startsWith("timed out after 500 ms");
        }
    }

    @Test
    void saasModeRefusesInternalChannelUrlsAtSendTime() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Sneaky");
            // Stored directly: the API would have refused it, but DNS may change after creation.
            UUID channel = webhook(workspace, receiver, "/internal");
            harness.link(monitor, channel);
            harness.open(monitor);
            harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.publicOnly()).runOnce();

            assertThat(receiver.requests()).isEmpty();
            assertThat(harness.jdbc.sql("SELECT last_error FROM notification_deliveries WHERE channel_id = ?")
                    .param(channel).query(String.class).single()).contains("refused by the SSRF guard")
                    .contains("loopback");
            assertThat(status(channel)).isEqualTo("PENDING");
        }
    }
}
