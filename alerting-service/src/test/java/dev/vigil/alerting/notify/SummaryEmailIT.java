package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.common.net.TargetPolicy;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The daily and weekly summary emails through the outbox to GreenMail, with a clock the test moves: once per period,
 * only for workspaces that opted in, only to verified owners and admins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryEmailIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private NotifyHarness harness;
    private Dispatcher dispatcher;
    private Dispatcher secondInstance;

    @BeforeAll
    void start() {
        harness = new NotifyHarness();
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        dispatcher = harness.dispatcher(NotifyHarness.properties(), mail, TargetPolicy.allowingPrivate());
        secondInstance = harness.dispatcher(NotifyHarness.properties(), mail, TargetPolicy.allowingPrivate());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private String member(UUID workspace, String role, boolean verified) {
        UUID user = UUID.randomUUID();
        String email = role.toLowerCase() + "-" + user + "@example.com";
        harness.jdbc.sql("INSERT INTO users (id, email, password_hash, email_verified_at) VALUES (?, ?, 'x', ?)")
                .params(user, email, verified ? Timestamp.from(harness.clock.instant()) : null).update();
        harness.jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)")
                .params(workspace, user, role).update();
        return email;
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

    /** The decoded text/plain part, wherever it sits in the multipart tree. */
    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private void pass() {
        NotifyHarness.drain(dispatcher);
        NotifyHarness.drain(secondInstance);
    }

    @Test
    void aDailySummaryGoesOutOncePerDayToVerifiedOwnersAndAdmins() throws Exception {
        UUID workspace = harness.workspace();
        harness.jdbc.sql("UPDATE workspaces SET summary_frequency = 'DAILY' WHERE id = ?").param(workspace).update();
        String owner = member(workspace, "OWNER", true);
        String admin = member(workspace, "ADMIN", true);
        String viewer = member(workspace, "VIEWER", true);
        String unverified = member(workspace, "ADMIN", false);
        UUID quiet = harness.workspace();
        String quietOwner = member(quiet, "OWNER", true);
        MonitorRef monitor = harness.monitor(workspace, "Checkout API");
        harness.monitor(workspace, "Homepage");
        // The clock starts on Monday 2026-03-02 09:00 UTC; the incident stays open from then on.
        harness.jdbc.sql("UPDATE monitors SET created_at = ? WHERE workspace_id = ?")
                .params(Timestamp.from(harness.clock.instant().minus(Duration.ofDays(3))), workspace).update();
        harness.open(monitor);

        // Opting in: the last complete day (Sunday) is summed up at the next pass, once.
        pass();
        harness.clock.advance(Duration.ofHours(2));
        pass();
        assertThat(mailTo(owner)).hasSize(1);

        // After midnight: Monday's summary, with the incident open since 09:00 (uptime 9 of 24 hours).
        harness.clock.advance(Duration.ofHours(13).plusMinutes(5));
        pass();
        pass();

        assertThat(mailTo(owner)).hasSize(2);
        MimeMessage monday = mailTo(owner).get(1);
        assertThat(monday.getSubject()).isEqualTo("[Vigil] Daily summary: 1 open incidents");
        String body = plainText(monday);
        assertThat(body).contains("Checkout API").contains("HTTP status 503").contains("37.500 %")
                .contains("Homepage: 100.000 %").contains("2026-03-02T00:00:00Z");
        assertThat(mailTo(admin)).hasSize(2);
        assertThat(mailTo(viewer)).as("viewers get no summary").isEmpty();
        assertThat(mailTo(unverified)).as("an unverified address gets nothing").isEmpty();
        assertThat(mailTo(quietOwner)).as("not opted in").isEmpty();
        assertThat(harness.jdbc.sql("SELECT count(*) FROM workspace_summaries WHERE workspace_id = ?")
                .param(workspace).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aWeeklySummaryGoesOutOnceAWeekAfterMondaysMidnightWithTheSlowestMonitorsFirst() throws Exception {
        // A harness of its own: the daily test above counts on the shared clock starting on Monday 09:00.
        try (NotifyHarness weekly = new NotifyHarness()) {
            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(smtp.getSmtp().getPort());
            Dispatcher instance = weekly.dispatcher(NotifyHarness.properties(), mail, TargetPolicy.allowingPrivate());
            UUID workspace = weekly.workspace();
            weekly.jdbc.sql("UPDATE workspaces SET summary_frequency = 'WEEKLY' WHERE id = ?").param(workspace)
                    .update();
            UUID user = UUID.randomUUID();
            String owner = "weekly-owner-" + user + "@example.com";
            weekly.jdbc.sql("INSERT INTO users (id, email, password_hash, email_verified_at) VALUES (?, ?, 'x', ?)")
                    .params(user, owner, Timestamp.from(weekly.clock.instant())).update();
            weekly.jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'OWNER')")
                    .params(workspace, user).update();
            MonitorRef search = weekly.monitor(workspace, "Search API");
            MonitorRef home = weekly.monitor(workspace, "Homepage");
            weekly.jdbc.sql("UPDATE monitors SET created_at = ? WHERE workspace_id = ?")
                    .params(Timestamp.from(weekly.clock.instant().minus(Duration.ofDays(30))), workspace).update();
            // The hourly rollups the summary reads (plain PostgreSQL keeps them in a table), in the week of
            // Monday 2026-02-23 and, for the second summary, the week after.
            hourly(weekly, search.id(), "2026-02-24T10:00:00Z", 850);
            hourly(weekly, home.id(), "2026-02-24T10:00:00Z", 120);
            hourly(weekly, home.id(), "2026-03-04T10:00:00Z", 300);

            // Monday 2026-03-02 09:00: the week that ended at midnight is summed up, once.
            NotifyHarness.drain(instance);
            NotifyHarness.drain(instance);
            assertThat(mailTo(owner)).hasSize(1);
            MimeMessage first = mailTo(owner).getFirst();
            assertThat(first.getSubject()).isEqualTo("[Vigil] Weekly summary: 0 open incidents");
            String body = plainText(first);
            assertThat(body).contains("2026-02-23T00:00:00Z to 2026-03-02T00:00:00Z");
            assertThat(body.indexOf("- Search API: 850 ms")).isPositive()
                    .isLessThan(body.indexOf("- Homepage: 120 ms"));

            // Sunday 23:00: still the same week.
            weekly.clock.advance(Duration.ofDays(6).plusHours(14));
            NotifyHarness.drain(instance);
            assertThat(mailTo(owner)).hasSize(1);

            // Past Monday's midnight: the next week's summary, with only its own rollups.
            weekly.clock.advance(Duration.ofMinutes(65));
            NotifyHarness.drain(instance);
            NotifyHarness.drain(instance);
            assertThat(mailTo(owner)).hasSize(2);
            String second = plainText(mailTo(owner).get(1));
            assertThat(second).contains("2026-03-02T00:00:00Z to 2026-03-09T00:00:00Z").contains("- Homepage: 300 ms")
                    .doesNotContain("Search API: 850 ms");
            assertThat(weekly.jdbc.sql("SELECT count(*) FROM workspace_summaries WHERE workspace_id = ?")
                    .param(workspace).query(Integer.class).single()).isEqualTo(2);
        }
    }

    private static void hourly(NotifyHarness on, UUID monitor, String bucket, double averageMs) {
        on.jdbc.sql("""
                        INSERT INTO check_results_hourly (bucket, monitor_id, region, checks, failures, avg_ms)
                        VALUES (?, ?, 'eu-central', 60, 0, ?)""")
                .params(Timestamp.from(java.time.Instant.parse(bucket)), monitor, averageMs).update();
    }
}
