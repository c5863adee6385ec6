package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.net.TargetPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reminders with a clock the test moves and a loopback webhook receiver: an open, unacknowledged incident's alert is
 * repeated every N minutes on the channels that ask for it, once per reminder even with two dispatchers, and never
 * after an acknowledgement or the resolution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderIT {

    private NotifyHarness harness;
    private Dispatcher dispatcher;
    private Dispatcher secondInstance;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
        dispatcher = harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.allowingPrivate());
        secondInstance = harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.allowingPrivate());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private record Setup(MonitorRef monitor, UUID reminding, UUID quiet) {
    }

    private Setup setup(Receiver reminding, Receiver quiet) {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Shop");
        UUID one = harness.channel(workspace, "WEBHOOK", Map.of("url", reminding.url("/remind"),
                "secret", "webhook-secret-000000021"), false);
        UUID two = harness.channel(workspace, "WEBHOOK", Map.of("url", quiet.url("/quiet"),
                "secret", "webhook-secret-000000022"), false);
        harness.jdbc.sql("UPDATE alert_channels SET remind_every_minutes = 10 WHERE id = ?").param(one).update();
        harness.link(monitor, one);
        harness.link(monitor, two);
        return new Setup(monitor, one, two);
    }

    private static List<String> events(Receiver receiver) {
        return receiver.requests().stream().map(r -> r.header("X-Vigil-Event")).toList();
    }

    private void pass() {
        NotifyHarness.drain(dispatcher);
        NotifyHarness.drain(secondInstance);
    }

    @Test
    void aReminderRepeatsEveryTenMinutesUntilTheIncidentIsAcknowledged() throws Exception {
        try (Receiver reminding = Receiver.ok(); Receiver quiet = Receiver.ok()) {
            Setup s = setup(reminding, quiet);
            UUID incident = harness.open(s.monitor());
            pass();
            assertThat(events(reminding)).containsExactly("incident.opened");

            harness.clock.advance(Duration.ofMinutes(9));
            pass();
            assertThat(events(reminding)).as("not yet").containsExactly("incident.opened");

            harness.clock.advance(Duration.ofMinutes(1));
            pass();
            assertThat(events(reminding)).containsExactly("incident.opened", "incident.reminder");
            assertThat(reminding.requests().getLast().body()).contains(incident.toString())
                    .contains("\"reminder\":1");

            harness.clock.advance(Duration.ofMinutes(5));
            pass();
            assertThat(events(reminding)).as("once per reminder, two instances")
                    .containsExactly("incident.opened", "incident.reminder");

            harness.clock.advance(Duration.ofMinutes(5));
            pass();
            assertThat(events(reminding)).containsExactly("incident.opened", "incident.reminder",
                    "incident.reminder");

            harness.acknowledge(incident, s.monitor());
            pass();
            harness.clock.advance(Duration.ofMinutes(60));
            pass();
            assertThat(events(reminding)).as("none after the acknowledgement").containsExactly("incident.opened",
                    "incident.reminder", "incident.reminder", "incident.acknowledged");
            assertThat(events(quiet)).as("a channel without reminders")
                    .containsExactly("incident.opened", "incident.acknowledged");
            assertThat(harness.jdbc.sql("SELECT count(*) FROM incident_reminders WHERE incident_id = ?")
                    .param(incident).query(Integer.class).single()).isEqualTo(2);
        }
    }

    @Test
    void theResolutionStopsReminders() throws Exception {
        try (Receiver reminding = Receiver.ok(); Receiver quiet = Receiver.ok()) {
            Setup s = setup(reminding, quiet);
            UUID incident = harness.open(s.monitor());
            pass();
            harness.clock.advance(Duration.ofMinutes(10));
            pass();
            harness.resolve(incident, s.monitor());
            pass();

            harness.clock.advance(Duration.ofMinutes(30));
            pass();

            assertThat(events(reminding)).containsExactly("incident.opened", "incident.reminder",
                    "incident.resolved");
        }
    }

    @Test
    void afterALongPauseOnlyTheLatestReminderGoesOut() throws Exception {
        try (Receiver reminding = Receiver.ok(); Receiver quiet = Receiver.ok()) {
            Setup s = setup(reminding, quiet);
            harness.open(s.monitor());
            pass();

            // The dispatchers were down for 45 minutes: one reminder, not four.
            harness.clock.advance(Duration.ofMinutes(45));
            pass();

            assertThat(events(reminding)).containsExactly("incident.opened", "incident.reminder");
            assertThat(reminding.requests().getLast().body()).contains("\"reminder\":4");
        }
    }
}
