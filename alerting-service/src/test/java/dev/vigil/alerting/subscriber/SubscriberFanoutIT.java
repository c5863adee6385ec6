package dev.vigil.alerting.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.support.AlertingContexts;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The subscriber fan-out as the service runs it, two instances on one database: an incident of a monitor a public
 * page shows reaches each confirmed subscriber of that page exactly once when it opens and once when it resolves; a
 * blip (opened and resolved within the delay) reaches nobody; subscribers who chose other components, unconfirmed
 * ones, private pages and another workspace's page (even one naming this monitor) hear nothing.
 */
class SubscriberFanoutIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void twoInstancesTellEachMatchingSubscriberOnceAndABlipToNobody() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            Map<String, Object> properties = new HashMap<>(database.springProperties());
            properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
            properties.put("vigil.sqs.queue-prefix", "subs" + UUID.randomUUID().toString().substring(0, 6) + "-");
            properties.put("vigil.subscribers.poll-interval", "200ms");
            properties.put("vigil.subscribers.delay", "3s");
            properties.put("vigil.subscribers.public-url", "https://vigil.test");
            properties.put("vigil.channel.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", smtp.getSmtp().getPort());
            try (ConfigurableApplicationContext first = AlertingContexts.start(properties);
                 ConfigurableApplicationContext second = AlertingContexts.start(properties)) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                TestMonitors monitors = new TestMonitors(jdbc);
                UUID[] checkout = monitors.http(List.of("local-a"), 0, 1000, 60);
                UUID[] other = monitors.http(List.of("local-a"), 0, 1000, 60);
                UUID workspace = checkout[0];
                UUID page = page(jdbc, workspace, "shop", false);
                UUID checkoutComponent = component(jdbc, page, checkout[1], "Checkout");
                UUID searchMonitor = monitors.http(List.of("local-a"), 0, 1000, 60)[1];
                jdbc.sql("UPDATE monitors SET workspace_id = ? WHERE id = ?").params(workspace, searchMonitor)
                        .update();
                UUID searchComponent = component(jdbc, page, searchMonitor, "Search");
                subscriber(jdbc, page, "ann@example.com", true, List.of());
                subscriber(jdbc, page, "bob@example.com", true, List.of(checkoutComponent));
                subscriber(jdbc, page, "carl@example.com", true, List.of(searchComponent));
                subscriber(jdbc, page, "dora@example.com", false, List.of());
                UUID privatePage = page(jdbc, workspace, "private-shop", true);
                component(jdbc, privatePage, checkout[1], "Checkout");
                subscriber(jdbc, privatePage, "eve@example.com", true, List.of());
                // A hostile row: another workspace's page naming this workspace's monitor.
                UUID foreign = page(jdbc, other[0], "foreign", false);
                component(jdbc, foreign, checkout[1], "Not yours");
                subscriber(jdbc, foreign, "mallory@example.com", true, List.of());

                IncidentLedger ledger = first.getBean(IncidentLedger.class);
                TransactionTemplate tx = first.getBean(TransactionTemplate.class);
                MonitorRef monitor = new MonitorRef(checkout[1], workspace, "checkout-backend", "HTTP",
                        "http://10.0.0.7/health");
                UUID incident = tx.execute(t -> ledger.open(monitor, IncidentKind.DOWN, "Connection refused",
                        List.of("local-a"), Instant.now(), List.of()));
                await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("ann@example.com").size() == 1
                        && mailsTo("bob@example.com").size() == 1);
                tx.executeWithoutResult(t -> ledger.resolve(incident, monitor, Instant.now(), "Recovered"));
                await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("ann@example.com").size() == 2
                        && mailsTo("bob@example.com").size() == 2);

                // A blip: opened and resolved well within the delay.
                UUID blip = tx.execute(t -> ledger.open(monitor, IncidentKind.DOWN, "Timeout", List.of("local-a"),
                        Instant.now(), List.of()));
                tx.executeWithoutResult(t -> ledger.resolve(blip, monitor, Instant.now(), "Recovered"));
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM notification_outbox WHERE incident_id = ? AND subscribers_done_at IS NULL""")
                        .param(blip).query(Long.class).single() == 0);
                Thread.sleep(1500);  // more passes of both instances: nothing is sent twice, nothing about the blip

                assertThat(mailsTo("ann@example.com")).extracting(MimeMessage::getSubject)
                        .containsExactly("[Shop] Outage: Checkout", "[Shop] Resolved: Checkout");
                assertThat(mailsTo("bob@example.com")).hasSize(2);
                for (String nobody : List.of("carl@example.com", "dora@example.com", "eve@example.com",
                        "mallory@example.com")) {
                    assertThat(mailsTo(nobody)).as(nobody).isEmpty();
                }
                MimeMessage opened = mailsTo("ann@example.com").getFirst();
                String text = (String) opened.getContent();
                assertThat(text).doesNotContain("10.0.0.7").doesNotContain("Connection refused")
                        .doesNotContain("checkout-backend").contains("https://vigil.test/status/shop/unsubscribe?token=");
                assertThat(opened.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
                assertThat(jdbc.sql("SELECT count(*) FROM subscriber_deliveries WHERE status = 'DELIVERED'")
                        .query(Long.class).single()).isEqualTo(4);
                assertThat(jdbc.sql("SELECT count(*) FROM notification_deliveries").query(Long.class).single())
                        .as("subscribers are not alert channels").isZero();
            }
        }
    }

    /**
     * A declared incident has no monitor: its updates name the components it affects, and the subscribers of the
     * pages holding them hear it (those who chose components: only theirs; never another workspace's page).
     */
    @Test
    void aDeclaredIncidentsUpdateReachesTheSubscribersOfTheComponentsItAffects() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            Map<String, Object> properties = new HashMap<>(database.springProperties());
            properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
            properties.put("vigil.sqs.queue-prefix", "decl" + UUID.randomUUID().toString().substring(0, 6) + "-");
            properties.put("vigil.subscribers.poll-interval", "200ms");
            properties.put("vigil.subscribers.public-url", "https://vigil.test");
            properties.put("vigil.channel.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", smtp.getSmtp().getPort());
            try (ConfigurableApplicationContext context = AlertingContexts.start(properties)) {
                JdbcClient jdbc = context.getBean(JdbcClient.class);
                TestMonitors monitors = new TestMonitors(jdbc);
                UUID[] api = monitors.http(List.of("local-a"), 0, 1000, 60);
                UUID[] web = monitors.http(List.of("local-a"), 0, 1000, 60);
                UUID workspace = api[0];
                jdbc.sql("UPDATE monitors SET workspace_id = ? WHERE id = ?").params(workspace, web[1]).update();
                UUID page = page(jdbc, workspace, "acme", false);
                UUID apiComponent = component(jdbc, page, api[1], "API");
                UUID webComponent = component(jdbc, page, web[1], "Website");
                subscriber(jdbc, page, "all-of-it@example.com", true, List.of());
                subscriber(jdbc, page, "api-only@example.com", true, List.of(apiComponent));
                subscriber(jdbc, page, "web-only@example.com", true, List.of(webComponent));
                UUID[] stranger = monitors.http(List.of("local-a"), 0, 1000, 60);
                UUID foreign = page(jdbc, stranger[0], "not-acme", false);
                component(jdbc, foreign, stranger[1], "API");
                subscriber(jdbc, foreign, "stranger@example.com", true, List.of());
                UUID incident = UUID.randomUUID();
                jdbc.sql("""
                                INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause,
                                                       title, severity)
                                VALUES (?, ?, NULL, 'DECLARED', 'OPEN', now(), 'Declared', 'Payments delayed',
                                        'major')""")
                        .params(incident, workspace).update();
                jdbc.sql("""
                                INSERT INTO notification_outbox (id, workspace_id, incident_id, event, payload)
                                VALUES (?, ?, ?, 'status.incident-update', ?::jsonb)""")
                        .params(UUID.randomUUID(), workspace, incident, """
                                {"event": "status.incident-update", "componentIds": ["%s"],
                                 "incident": {"id": "%s", "status": "OPEN", "startedAt": "2026-12-06T10:00:00Z"},
                                 "update": {"status": "identified", "message": "A provider is slow."}}"""
                                .formatted(apiComponent, incident))
                        .update();

                await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("all-of-it@example.com").size() == 1
                        && mailsTo("api-only@example.com").size() == 1);
                Thread.sleep(1000);
                assertThat(mailsTo("all-of-it@example.com")).extracting(MimeMessage::getSubject)
                        .containsExactly("[Shop] Identified: API");
                assertThat(mailsTo("web-only@example.com")).isEmpty();
                assertThat(mailsTo("stranger@example.com")).isEmpty();
            }
        }
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static UUID page(JdbcClient jdbc, UUID workspace, String slug, boolean isPrivate) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO status_pages (id, workspace_id, slug, title, password_hash)
                        VALUES (?, ?, ?, 'Shop', ?)""")
                .params(id, workspace, slug, isPrivate ? "{bcrypt}x" : null).update();
        return id;
    }

    private static UUID component(JdbcClient jdbc, UUID page, UUID monitor, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO status_page_components (id, page_id, monitor_id, name, position)
                        VALUES (?, ?, ?, ?, 0)""").params(id, page, monitor, name).update();
        return id;
    }

    private static void subscriber(JdbcClient jdbc, UUID page, String email, boolean confirmed,
                                   List<UUID> components) {
        jdbc.sql("""
                        INSERT INTO status_page_subscribers (id, page_id, email, confirm_token_hash, unsubscribe_token,
                                                             component_ids, confirmed_at)
                        VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)""")
                .params(UUID.randomUUID(), page, email, UUID.randomUUID().toString().getBytes(),
                        UUID.randomUUID().toString().replace("-", ""), components.toArray(UUID[]::new), confirmed)
                .update();
    }
}
