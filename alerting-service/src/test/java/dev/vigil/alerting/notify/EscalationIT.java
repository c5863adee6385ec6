package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.net.TargetPolicy;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Escalation with a clock the test moves: the next level (its channel and the on-call member by email) is alerted
 * when nobody acknowledges within the level's minutes, and not when someone does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private NotifyHarness harness;
    private Dispatcher dispatcher;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        dispatcher = harness.dispatcher(NotifyHarness.properties(), mail, TargetPolicy.allowingPrivate());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private record Setup(UUID workspace, MonitorRef monitor, Receiver first, Receiver second, List<String> onCall,
                         UUID rotation, List<UUID> members) {
    }

    /** Level 1: a webhook, 5 minutes; level 2: another webhook and a daily rotation of two members. */
    private Setup setup() throws Exception {
        return setup(true);
    }

    /** As {@link #setup()}, the members' addresses verified (a link mailed at sign-up followed) or not. */
    private Setup setup(boolean verified) throws Exception {
        UUID workspace = harness.workspace();
        MonitorRef monitor = harness.monitor(workspace, "Escalating");
        Receiver first = Receiver.ok();
        Receiver second = Receiver.ok();
        UUID one = harness.channel(workspace, "WEBHOOK", Map.of("url", first.url("/l1"),
                "secret", "webhook-secret-000000011"), false);
        UUID two = harness.channel(workspace, "WEBHOOK", Map.of("url", second.url("/l2"),
                "secret", "webhook-secret-000000012"), false);
        List<String> emails = List.of("ann-" + workspace + "@example.com", "bob-" + workspace + "@example.com");
        UUID[] members = new UUID[2];
        for (int i = 0; i < 2; i++) {
            members[i] = UUID.randomUUID();
            harness.jdbc.sql("INSERT INTO users (id, email, password_hash, email_verified_at) VALUES (?, ?, 'x', ?)")
                    .params(members[i], emails.get(i), verified ? Timestamp.from(harness.clock.instant()) : null)
                    .update();
            harness.jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'ADMIN')")
                    .params(workspace, members[i]).update();
        }
        UUID rotation = UUID.randomUUID();
        // Started 1.5 days ago, daily: the second shift is running, so Bob is on call.
        harness.jdbc.sql("""
                        INSERT INTO oncall_rotations (id, workspace_id, name, handoff, starts_at, member_ids)
                        VALUES (?, ?, 'Primary', 'DAILY', ?, ?)""")
                .params(rotation, workspace, Timestamp.from(harness.clock.instant().minus(Duration.ofHours(36))),
                        members)
                .update();
        harness.jdbc.sql("""
                        INSERT INTO escalation_policies (monitor_id, workspace_id, levels)
                        VALUES (?, ?, ?::jsonb)""")
                .params(monitor.id(), workspace, WireJson.write(List.of(
                        Map.of("channelIds", List.of(one.toString()), "afterMinutes", 5),
                        Map.of("channelIds", List.of(two.toString()), "rotationId", rotation.toString()))))
                .update();
        return new Setup(workspace, monitor, first, second, emails, rotation, List.of(members));
    }

    private static List<String> events(Receiver receiver) {
        return receiver.requests().stream().map(r -> r.header("X-Vigil-Event")).toList();
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void escalatesAfterTheTimeoutWhenNobodyAcknowledges() throws Exception {
        Setup s = setup();
        try (Receiver first = s.first(); Receiver second = s.second()) {
            UUID incident = harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            assertThat(events(first)).containsExactly("incident.opened");

            harness.clock.advance(Duration.ofMinutes(4));
            NotifyHarness.drain(dispatcher);
            assertThat(events(second)).as("not yet").isEmpty();

            harness.clock.advance(Duration.ofMinutes(2));
            NotifyHarness.drain(dispatcher);
            assertThat(events(second)).containsExactly("incident.escalated");
            assertThat(second.requests().getFirst().body()).contains(incident.toString()).contains("\"level\":1");
            assertThat(mailTo(s.onCall().get(1))).singleElement()
                    .satisfies(m -> assertThat(m.getSubject()).isEqualTo("[Vigil] ESCALATED, not acknowledged: "
                            + "Escalating"));
            assertThat(mailTo(s.onCall().get(0))).as("off duty").isEmpty();

            harness.clock.advance(Duration.ofMinutes(30));
            NotifyHarness.drain(dispatcher);
            assertThat(events(second)).as("no level after the last").containsExactly("incident.escalated");

            harness.resolve(incident, s.monitor());
            NotifyHarness.drain(dispatcher);
            assertThat(events(first)).containsExactly("incident.opened", "incident.resolved");
            assertThat(events(second)).containsExactly("incident.escalated", "incident.resolved");
        }
    }

    @Test
    void anOnCallMemberWhoseAddressIsUnverifiedIsNotMailed() throws Exception {
        // Someone who signed up with another person's address must not receive that person's alerts.
        Setup s = setup(false);
        try (Receiver first = s.first(); Receiver second = s.second()) {
            harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            harness.clock.advance(Duration.ofMinutes(6));
            NotifyHarness.drain(dispatcher);

            assertThat(events(second)).containsExactly("incident.escalated");
            assertThat(mailTo(s.onCall().get(1))).isEmpty();
        }
    }

    @Test
    void anAcknowledgementInTimeStopsTheEscalation() throws Exception {
        Setup s = setup();
        try (Receiver first = s.first(); Receiver second = s.second()) {
            UUID incident = harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            harness.clock.advance(Duration.ofMinutes(3));
            harness.acknowledge(incident, s.monitor());
            NotifyHarness.drain(dispatcher);

            harness.clock.advance(Duration.ofMinutes(30));
            NotifyHarness.drain(dispatcher);

            assertThat(events(first)).containsExactly("incident.opened", "incident.acknowledged");
            assertThat(events(second)).isEmpty();
            assertThat(mailTo(s.onCall().get(1))).isEmpty();
        }
    }

    @Test
    void anAcknowledgementWrittenWithoutItsOutboxRowStillStopsTheClock() throws Exception {
        Setup s = setup();
        try (Receiver first = s.first(); Receiver second = s.second()) {
            UUID incident = harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            harness.jdbc.sql("UPDATE incidents SET acknowledged_at = ? WHERE id = ?")
                    .params(Timestamp.from(harness.clock.instant()), incident).update();
            harness.clock.advance(Duration.ofMinutes(6));
            NotifyHarness.drain(dispatcher);
            assertThat(events(second)).isEmpty();
        }
    }

    @Test
    void anOverrideRunningAtTheEscalationPagesTheMemberWhoCovers() throws Exception {
        Setup s = setup();
        try (Receiver first = s.first(); Receiver second = s.second()) {
            // Ann covers Bob's shift for the next two hours; another workspace's override of the same rotation id
            // would be ignored, so one is written with a wrong workspace to show it.
            override(s.rotation(), s.workspace(), s.members().get(0), Duration.ofHours(-1), Duration.ofHours(2));
            override(s.rotation(), harness.workspace(), s.members().get(1), Duration.ofHours(-1), Duration.ofHours(2));
            harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            harness.clock.advance(Duration.ofMinutes(6));
            NotifyHarness.drain(dispatcher);

            assertThat(events(second)).containsExactly("incident.escalated");
            assertThat(mailTo(s.onCall().get(0))).as("covering").singleElement();
            assertThat(mailTo(s.onCall().get(1))).as("covered for").isEmpty();
        }
    }

    @Test
    void theOnCallMemberIsPagedByTheChannelsOfTheirContactAndNotByEmailWhenTheyTurnItOff() throws Exception {
        Setup s = setup();
        try (Receiver first = s.first(); Receiver second = s.second(); Receiver phone = Receiver.ok()) {
            UUID mine = harness.channel(s.workspace(), "NTFY", Map.of("topicUrl", phone.url("/bob-phone")), false);
            UUID foreign = harness.channel(harness.workspace(), "WEBHOOK", Map.of("url", phone.url("/foreign"),
                    "secret", "webhook-secret-000000013"), false);
            harness.jdbc.sql("""
                            INSERT INTO oncall_contacts (workspace_id, user_id, channel_ids, email)
                            VALUES (?, ?, ?, false)""")
                    .params(s.workspace(), s.members().get(1), new UUID[] {mine, foreign}).update();
            harness.open(s.monitor());
            NotifyHarness.drain(dispatcher);
            harness.clock.advance(Duration.ofMinutes(6));
            NotifyHarness.drain(dispatcher);

            assertThat(events(second)).containsExactly("incident.escalated");
            assertThat(phone.requests()).as("only the workspace's own channel").singleElement()
                    .satisfies(r -> {
                        assertThat(r.path()).isEqualTo("/bob-phone");
                        assertThat(r.header("Title")).isEqualTo("ESCALATED, not acknowledged: Escalating");
                    });
            assertThat(mailTo(s.onCall().get(1))).as("email turned off").isEmpty();
        }
    }

    private void override(UUID rotation, UUID workspace, UUID member, Duration from, Duration until) {
        harness.jdbc.sql("""
                        INSERT INTO oncall_overrides (id, rotation_id, workspace_id, member_id, starts_at, ends_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), rotation, workspace, member,
                        Timestamp.from(harness.clock.instant().plus(from)),
                        Timestamp.from(harness.clock.instant().plus(until)))
                .update();
    }
}
