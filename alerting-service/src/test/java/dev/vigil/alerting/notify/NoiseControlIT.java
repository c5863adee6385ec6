package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Maintenance windows, flapping and the per-workspace rate limit with its digest. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoiseControlIT {

    private NotifyHarness harness;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private UUID webhook(UUID workspace, Receiver receiver) {
        return harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/noise"),
                "secret", "webhook-secret-000000010"), false);
    }

    private List<String> events(Receiver receiver) {
        return receiver.requests().stream().map(r -> r.header("X-Vigil-Event")).toList();
    }

    @Test
    void alertsAreHeldBackDuringAMaintenanceWindow() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "In maintenance");
            UUID channel = webhook(workspace, receiver);
            harness.link(monitor, channel);
            UUID window = UUID.randomUUID();
            harness.jdbc.sql("""
                            INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at)
                            VALUES (?, ?, 'Upgrade', ?, ?)""")
                    .params(window, workspace, Timestamp.from(harness.clock.instant().minusSeconds(60)),
                            Timestamp.from(harness.clock.instant().plusSeconds(3600))).update();
            harness.jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                    .params(window, monitor.id()).update();
            harness.jdbc.sql("""
                            INSERT INTO notification_outbox (id, workspace_id, monitor_id, event, payload)
                            VALUES (?, ?, ?, 'monitor.degraded', ?::jsonb)""")
                    .params(UUID.randomUUID(), workspace, monitor.id(), dev.vigil.common.json.WireJson.write(Map.of(
                            "event", "monitor.degraded", "occurredAt", harness.clock.instant().toString(),
                            "monitor", Map.of("id", monitor.id().toString(), "name", monitor.name()))))
                    .update();
            NotifyHarness.drain(harness.dispatcher());

            assertThat(receiver.requests()).isEmpty();
            assertThat(harness.deliveries(channel)).singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("status", "SUPPRESSED")
                            .containsEntry("reason", "maintenance"));
        }
    }

    @Test
    void aFlappingIncidentAlertsItsReopeningOnce() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Flapping");
            UUID channel = webhook(workspace, receiver);
            harness.link(monitor, channel);
            Dispatcher dispatcher = harness.dispatcher();
            UUID incident = harness.open(monitor);
            for (int flip = 0; flip < 4; flip++) {
                harness.clock.advance(Duration.ofMinutes(1));
                harness.resolve(incident, monitor);
                harness.clock.advance(Duration.ofMinutes(1));
                harness.ledger.reopenLatest(monitor, harness.clock.instant(), "Down again");
                NotifyHarness.drain(dispatcher);
            }

            assertThat(events(receiver).stream().filter(e -> e.equals("incident.reopened")).count()).isEqualTo(1);
            assertThat(events(receiver).getFirst()).isEqualTo("incident.opened");
            assertThat(harness.deliveries(channel).stream().filter(d -> "flapping".equals(d.get("reason"))).count())
                    .isEqualTo(3);
        }
    }

    @Test
    void beyondTheRateLimitAlertsAreHeldAndOneDigestFollows() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            UUID channel = webhook(workspace, receiver);
            for (int i = 0; i < 7; i++) {
                MonitorRef monitor = harness.monitor(workspace, "Storm " + i);
                harness.link(monitor, channel);
                harness.open(monitor);
            }
            Dispatcher dispatcher = harness.dispatcher(NotifyHarness.properties(URI.create("http://127.0.0.1:9/"),
                    URI.create("http://127.0.0.1:9/"), 3), null, TargetPolicy.allowingPrivate());
            NotifyHarness.drain(dispatcher);
            assertThat(events(receiver)).containsExactly("incident.opened", "incident.opened", "incident.opened");

            harness.clock.advance(Duration.ofMinutes(11));
            NotifyHarness.drain(dispatcher);
            NotifyHarness.drain(dispatcher);

            assertThat(events(receiver)).hasSize(4).last().isEqualTo("digest");
            String digest = receiver.requests().getLast().body();
            assertThat(digest).contains("\"held\":4").contains("\"incident.opened\":4");
        }
    }

    /**
     * A storm held back by the rate limit sends almost nothing, yet every event must be fanned out (held for the
     * digest) within one scheduled run: the schedule used to stop after the first pass that sent nothing, one batch a
     * second, and a mass outage's 10,000 events took 50 s to fan out (their recoveries as long again).
     */
    @Test
    void aStormHeldByTheRateLimitIsFannedOutInOneScheduledRun() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            UUID channel = webhook(workspace, receiver);
            for (int i = 0; i < 30; i++) {
                MonitorRef monitor = harness.monitor(workspace, "Outage " + i);
                harness.link(monitor, channel);
                harness.open(monitor);
            }
            Dispatcher dispatcher = harness.dispatcher(NotifyHarness.properties(URI.create("http://127.0.0.1:9/"),
                    URI.create("http://127.0.0.1:9/"), 3, 5), null, TargetPolicy.allowingPrivate());

            new DispatchSchedule(dispatcher).run();

            assertThat(harness.jdbc.sql("""
                            SELECT count(*) FROM notification_outbox WHERE workspace_id = ? AND processed_at IS NULL""")
                    .param(workspace).query(Long.class).single()).isZero();
            assertThat(events(receiver)).hasSize(3);
            assertThat(harness.deliveries(channel).stream().filter(d -> "SUPPRESSED".equals(d.get("status"))))
                    .hasSize(27);
        }
    }
}
