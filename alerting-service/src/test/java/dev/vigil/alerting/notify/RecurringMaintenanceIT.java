package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import dev.vigil.common.net.TargetPolicy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A weekly maintenance window (Tuesdays 02:00 to 04:00, Europe/Berlin) on the real database: alerts are held back only
 * inside its occurrences, which follow local time across the daylight saving change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecurringMaintenanceIT {

    private NotifyHarness harness;
    private Dispatcher dispatcher;
    private MaintenanceCalendar calendar;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
        dispatcher = harness.dispatcher(NotifyHarness.properties(), null, TargetPolicy.allowingPrivate());
        calendar = new MaintenanceCalendar(harness.jdbc);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    /** Tuesdays 02:00-04:00 Berlin from 2026-03-03 (CET: 01:00-03:00 UTC), as the api-service stores it. */
    private void weeklyWindow(MonitorRef monitor) {
        UUID window = UUID.randomUUID();
        harness.jdbc.sql("""
                        INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at, recurrence,
                                                         time_zone, checks)
                        VALUES (?, ?, 'Weekly patching', ?, ?, 'FREQ=WEEKLY;BYDAY=TU', 'Europe/Berlin', 'RUN')""")
                .params(window, monitor.workspaceId(), Timestamp.from(Instant.parse("2026-03-03T01:00:00Z")),
                        Timestamp.from(Instant.parse("2026-03-03T03:00:00Z")))
                .update();
        harness.jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                .params(window, monitor.id()).update();
    }

    @Test
    void theCalendarCoversOnlyTheOccurrencesInLocalTime() {
        MonitorRef monitor = harness.monitor(harness.workspace(), "Patched");
        weeklyWindow(monitor);

        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-03T01:30:00Z"))).isTrue();
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-10T02:59:59Z"))).isTrue();
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-10T03:00:00Z"))).isFalse();
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-11T01:30:00Z"))).as("Wednesday")
                .isFalse();
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-02T01:30:00Z")))
                .as("before the first occurrence").isFalse();
        // After the change to summer time, 02:00-04:00 Berlin is 00:00-02:00 UTC.
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-31T00:30:00Z"))).isTrue();
        assertThat(calendar.inMaintenance(monitor.id(), Instant.parse("2026-03-31T02:30:00Z"))).isFalse();
        assertThat(calendar.windows(List.of(monitor.id()), Instant.parse("2026-03-09T00:00:00Z"),
                Instant.parse("2026-03-24T00:00:00Z")).get(monitor.id()))
                .extracting(MaintenanceCalendar.Window::startsAt)
                .containsExactly(Instant.parse("2026-03-10T01:00:00Z"), Instant.parse("2026-03-17T01:00:00Z"));
    }

    @Test
    void alertsAreHeldBackInsideAnOccurrenceAndSentOutsideIt() throws Exception {
        try (Receiver receiver = Receiver.ok()) {
            UUID workspace = harness.workspace();
            MonitorRef monitor = harness.monitor(workspace, "Patched shop");
            UUID channel = harness.channel(workspace, "WEBHOOK", Map.of("url", receiver.url("/hook"),
                    "secret", "webhook-secret-000000031"), false);
            harness.link(monitor, channel);
            weeklyWindow(monitor);

            // Tuesday 2026-03-10 02:30 Berlin: inside the second occurrence.
            moveTo("2026-03-10T01:30:00Z");
            UUID inside = harness.open(monitor);
            NotifyHarness.drain(dispatcher);
            harness.resolve(inside, monitor);
            NotifyHarness.drain(dispatcher);
            // Tuesday 04:30 Berlin: after it.
            moveTo("2026-03-10T03:30:00Z");
            harness.open(monitor);
            NotifyHarness.drain(dispatcher);

            assertThat(harness.deliveries(channel)).extracting(d -> d.get("event") + ":" + d.get("status") + ":"
                    + d.get("reason")).containsExactly("incident.opened:SUPPRESSED:maintenance",
                    "incident.resolved:SUPPRESSED:maintenance", "incident.opened:DELIVERED:null");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    private void moveTo(String at) {
        Duration by = Duration.between(harness.clock.instant(), Instant.parse(at));
        if (!by.isNegative()) {
            harness.clock.advance(by);
        }
    }
}
