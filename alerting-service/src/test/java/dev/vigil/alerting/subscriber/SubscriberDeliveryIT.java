package dev.vigil.alerting.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.support.AlertingContexts;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How subscriber messages are delivered, against real parts: maintenance start and end reach the mail subscribers of
 * the components the window covers (GreenMail); a webhook subscriber (a loopback receiver) is signed as alert
 * webhooks are and retried with the same id until it answers 2xx; a mail refused because no SMTP server listens yet
 * is retried from its outbox record and arrives once when the server comes up.
 */
class SubscriberDeliveryIT {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Received(String event, Map<String, String> headers, String body) {
    }

    @Test
    void maintenanceStartAndEndAndASignedRetriedWebhook() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger(2);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            for (String name : List.of("X-Vigil-Event", "X-Vigil-Delivery", "X-Vigil-Signature", "webhook-id",
                    "webhook-timestamp", "webhook-signature")) {
                headers.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            received.add(new Received(headers.get("X-Vigil-Event"), headers, body));
            // The first two attempts fail as a receiver mid-deploy would.
            exchange.sendResponseHeaders(refusals.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestDatabase database = TestDatabase.createMigrated();
             ConfigurableApplicationContext context = AlertingContexts.start(properties(database, "mnt",
                     smtp.getSmtp().getPort()))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TestMonitors monitors = new TestMonitors(jdbc);
            UUID[] db = monitors.http(List.of("local-a"), 0, 1000, 60);
            UUID workspace = db[0];
            UUID web = monitors.http(List.of("local-a"), 0, 1000, 60)[1];
            jdbc.sql("UPDATE monitors SET workspace_id = ? WHERE id = ?").params(workspace, web).update();
            UUID page = SubscriberRows.page(jdbc, workspace, "shop");
            UUID dbComponent = SubscriberRows.component(jdbc, page, db[1], "Database");
            UUID webComponent = SubscriberRows.component(jdbc, page, web, "Website");
            SubscriberRows.email(jdbc, page, "ann@example.com", List.of());
            SubscriberRows.email(jdbc, page, "dan@example.com", List.of(dbComponent));
            SubscriberRows.email(jdbc, page, "wes@example.com", List.of(webComponent));
            String secret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString()
                    .getBytes(StandardCharsets.UTF_8));
            SubscriberRows.webhook(jdbc, context.getBean(SecretBox.class), page, "http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook", secret);

            // 1. A window on the database starts in a second and ends three seconds later.
            Instant start = Instant.now().plusSeconds(1);
            UUID window = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO maintenance_windows (id, workspace_id, title, description, starts_at, ends_at)
                            VALUES (?, ?, 'Database upgrade', 'To PostgreSQL 18.', ?, ?)""")
                    .params(window, workspace, Timestamp.from(start), Timestamp.from(start.plusSeconds(3))).update();
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                    .params(window, db[1]).update();

            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(smtp, "ann@example.com").size() == 2
                    && mailsTo(smtp, "dan@example.com").size() == 2);
            // 2. The webhook: each event refused until the third attempt, the same delivery id each time.
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .filter(r -> "maintenance.completed".equals(r.event())).count() == 1
                    && jdbc.sql("SELECT count(*) FROM subscriber_deliveries WHERE status = 'DELIVERED'")
                    .query(Long.class).single() == 6);
            Thread.sleep(1500);  // more passes: nothing more is sent

            assertThat(mailsTo(smtp, "ann@example.com")).extracting(MimeMessage::getSubject).containsExactly(
                    "[Shop] Maintenance started: Database upgrade", "[Shop] Maintenance completed: Database upgrade");
            assertThat((String) mailsTo(smtp, "dan@example.com").getFirst().getContent()).contains("Database",
                    "To PostgreSQL 18.");
            assertThat(mailsTo(smtp, "wes@example.com")).as("wes chose the website, which the window does not cover")
                    .isEmpty();
            assertThat(received).extracting(Received::event).containsExactly("maintenance.started",
                    "maintenance.started", "maintenance.started", "maintenance.completed");
            assertThat(received.subList(0, 3)).extracting(r -> r.headers().get("webhook-id")).containsOnly(
                    received.getFirst().headers().get("webhook-id"));
            for (Received r : received) {
                assertThat(r.headers().get("X-Vigil-Signature")).as("the alert webhooks' signature")
                        .isEqualTo("sha256=" + hex(secret, r.body()));
                assertThat(r.headers().get("webhook-signature")).as("the Standard Webhooks signature")
                        .isEqualTo(standard(secret, r));
                assertThat(r.headers().get("X-Vigil-Delivery")).isEqualTo(r.headers().get("webhook-id"));
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.at("/maintenance/id").asString()).isEqualTo(window.toString());
                assertThat(body.at("/components/0/name").asString()).isEqualTo("Database");
            }
            assertThat(jdbc.sql("""
                            SELECT attempts FROM subscriber_deliveries
                            WHERE event = 'status.maintenance-started' AND subscriber_id IN (
                                SELECT id FROM status_page_subscribers WHERE kind = 'WEBHOOK')""")
                    .query(Integer.class).single()).isEqualTo(3);
        } finally {
            receiver.stop(0);
            smtp.stop();
        }
    }

    @Test
    void eachOccurrenceOfARecurringWindowIsAnnouncedNotOnlyTheFirst() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try (TestDatabase database = TestDatabase.createMigrated();
             ConfigurableApplicationContext context = AlertingContexts.start(properties(database, "daily",
                     smtp.getSmtp().getPort()))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            UUID[] api = new TestMonitors(jdbc).http(List.of("local-a"), 0, 1000, 60);
            UUID page = SubscriberRows.page(jdbc, api[0], "acme");
            SubscriberRows.component(jdbc, page, api[1], "API");
            SubscriberRows.email(jdbc, page, "ann@example.com", List.of());
            // The same monitor on a German page: its subscriber reads the same news in German.
            UUID german = SubscriberRows.page(jdbc, api[0], "laden", "de");
            SubscriberRows.component(jdbc, german, api[1], "Schnittstelle");
            SubscriberRows.email(jdbc, german, "jan@example.com", List.of());

            // A daily window first held three days ago: today's occurrence starts in a second and lasts three.
            Instant today = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            UUID window = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at, recurrence,
                                                             time_zone)
                            VALUES (?, ?, 'Nightly backup', ?, ?, 'FREQ=DAILY', 'UTC')""")
                    .params(window, api[0], Timestamp.from(today.minus(Duration.ofDays(3))),
                            Timestamp.from(today.minus(Duration.ofDays(3)).plusSeconds(3))).update();
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)")
                    .params(window, api[1]).update();

            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(smtp, "ann@example.com").size() == 2
                    && mailsTo(smtp, "jan@example.com").size() == 2);
            Thread.sleep(1500);  // more passes: nothing more is sent

            assertThat(mailsTo(smtp, "ann@example.com")).extracting(MimeMessage::getSubject).containsExactly(
                    "[Shop] Maintenance started: Nightly backup", "[Shop] Maintenance completed: Nightly backup");
            List<MimeMessage> inGerman = mailsTo(smtp, "jan@example.com");
            assertThat(inGerman).extracting(MimeMessage::getSubject).containsExactly(
                    "[Shop] Wartung begonnen: Nightly backup", "[Shop] Wartung abgeschlossen: Nightly backup");
            assertThat((String) inGerman.getFirst().getContent()).contains("Die Wartung hat begonnen: Nightly backup",
                    "Betrifft: Schnittstelle", "Statusseite: https://vigil.test/status/laden", "Abmelden: ");
            assertThat(jdbc.sql("SELECT occurrence_at FROM maintenance_notices WHERE window_id = ? ORDER BY kind")
                    .param(window).query(Timestamp.class).list()).extracting(Timestamp::toInstant)
                    .containsExactly(today, today);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMailRefusedWhileNoSmtpServerListensIsRetriedAndArrivesOnce() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try (TestDatabase database = TestDatabase.createMigrated();
             ConfigurableApplicationContext context = AlertingContexts.start(properties(database, "retry", port))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            UUID[] api = new TestMonitors(jdbc).http(List.of("local-a"), 0, 1000, 60);
            UUID page = SubscriberRows.page(jdbc, api[0], "acme");
            UUID component = SubscriberRows.component(jdbc, page, api[1], "API");
            SubscriberRows.email(jdbc, page, "ann@example.com", List.of());
            UUID incident = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause,
                                                   title, severity)
                            VALUES (?, ?, NULL, 'DECLARED', 'OPEN', now(), 'Declared', 'Payments delayed', 'major')""")
                    .params(incident, api[0]).update();
            jdbc.sql("""
                            INSERT INTO notification_outbox (id, workspace_id, incident_id, event, payload)
                            VALUES (?, ?, ?, 'status.incident-update', ?::jsonb)""")
                    .params(UUID.randomUUID(), api[0], incident, """
                            {"event": "status.incident-update", "componentIds": ["%s"],
                             "incident": {"id": "%s", "status": "OPEN", "startedAt": "2026-12-06T10:00:00Z"},
                             "update": {"status": "investigating", "message": "Payments are slow."}}"""
                            .formatted(component, incident))
                    .update();

            // 1. No server: the attempt fails and is kept for a retry, with why.
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM subscriber_deliveries
                    WHERE status = 'PENDING' AND attempts >= 1 AND last_error LIKE 'SMTP%'""")
                    .query(Long.class).single() == 1);
            // 2. The server comes up: a later attempt delivers the same message, once.
            smtp.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 1);
            Thread.sleep(2000);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("[Shop] Investigating: API");
            assertThat((String) mail.getContent()).contains("Payments are slow.");
            Map<String, Object> delivery = jdbc.sql("SELECT id, status, attempts FROM subscriber_deliveries")
                    .query().singleRow();
            assertThat(delivery.get("status")).isEqualTo("DELIVERED");
            assertThat((Integer) delivery.get("attempts")).isGreaterThanOrEqualTo(2);
            assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + delivery.get("id") + "@vigil>");
        } finally {
            smtp.stop();
        }
    }

    private static Map<String, Object> properties(TestDatabase database, String prefix, int smtpPort) {
        Map<String, Object> properties = new HashMap<>(database.springProperties());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", prefix + UUID.randomUUID().toString().substring(0, 6) + "-");
        properties.put("vigil.subscribers.poll-interval", "200ms");
        properties.put("vigil.subscribers.retry-base", "1s");
        properties.put("vigil.subscribers.retry-max", "2s");
        properties.put("vigil.subscribers.public-url", "https://vigil.test");
        properties.put("vigil.channel.encryption-key", KEY);
        properties.put("vigil.channel.allow-private-targets", true);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtpPort);
        return properties;
    }

    private static List<MimeMessage> mailsTo(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The receiver's check of X-Vigil-Signature: hex HMAC-SHA256 of the raw body, keyed by the secret as written. */
    private static String hex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The receiver's check of webhook-signature, as a Standard Webhooks library does it. */
    private static String standard(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Status pages, components and confirmed subscribers as rows, as the api-service writes them. */
    static final class SubscriberRows {

        private SubscriberRows() {
        }

        static UUID page(JdbcClient jdbc, UUID workspace, String slug) {
            return page(jdbc, workspace, slug, "en");
        }

        static UUID page(JdbcClient jdbc, UUID workspace, String slug, String language) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO status_pages (id, workspace_id, slug, title, language)
                            VALUES (?, ?, ?, 'Shop', ?)""")
                    .params(id, workspace, slug, language).update();
            return id;
        }

        static UUID component(JdbcClient jdbc, UUID page, UUID monitor, String name) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO status_page_components (id, page_id, monitor_id, name, position)
                            VALUES (?, ?, ?, ?, 0)""").params(id, page, monitor, name).update();
            return id;
        }

        static void email(JdbcClient jdbc, UUID page, String email, List<UUID> components) {
            jdbc.sql("""
                            INSERT INTO status_page_subscribers (id, page_id, email, confirm_token_hash,
                                                                 unsubscribe_token, component_ids, confirmed_at)
                            VALUES (?, ?, ?, ?, ?, ?, now())""")
                    .params(UUID.randomUUID(), page, email, UUID.randomUUID().toString().getBytes(),
                            UUID.randomUUID().toString().replace("-", ""), components.toArray(UUID[]::new))
                    .update();
        }

        static void webhook(JdbcClient jdbc, SecretBox box, UUID page, String url, String secret) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO status_page_subscribers (id, page_id, kind, webhook_url, secret_sealed,
                                                                 confirm_token_hash, unsubscribe_token, confirmed_at)
                            VALUES (?, ?, 'WEBHOOK', ?, ?, ?, ?, now())""")
                    .params(id, page, url, box.seal(secret, SealedColumns.subscriberSecret(id)),
                            UUID.randomUUID().toString().getBytes(), UUID.randomUUID().toString().replace("-", ""))
                    .update();
        }
    }
}
