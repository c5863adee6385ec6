package dev.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.support.AlertingContexts;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.AttackTally;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestDnsServer;
import dev.vigil.common.testing.TestSqs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.xbill.DNS.Type;

/**
 * Hostile tenants against running alerting-service instances (real PostgreSQL, ElasticMQ, a DNS server and an HTTP
 * server on loopback): alert channels pointed inside the network are refused at send time by the one guarded client,
 * and forged results put on the results queue are dropped. A SaaS instance resolves channel hosts through the test
 * DNS server, which answers a public and a private address for one name; a self-hosted instance (private targets
 * allowed) still refuses cloud metadata and never follows a redirect. Prints the count of attacks tried and refused.
 */
class HostileTenantsIT {

    private static final AttackTally TALLY = new AttackTally("alerting service");
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static TestDnsServer dns;
    private static HttpServer internal;
    private static final List<String> internalHits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.add(exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(307, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        internal.start();
        // 203.0.114.7 is an ordinary public address; nothing is ever sent to it (the name is refused first).
        dns = TestDnsServer.start()
                .add("mixed.vigil.test.", Type.A, "203.0.114.7")
                .add("mixed.vigil.test.", Type.A, "10.20.30.40")
                .add("internal.vigil.test.", Type.A, "127.0.0.1")
                .add("metadata.vigil.test.", Type.A, "169.254.169.254")
                .add("metadata6.vigil.test.", Type.AAAA, "fd00:ec2::254");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        internal.stop(0);
        dns.close();
        TALLY.printSummary();
        assertThat(TALLY.refused()).isEqualTo(TALLY.tried());
    }

    private static ConfigurableApplicationContext alerting(TestDatabase database, boolean allowPrivate) {
        Map<String, Object> properties = new HashMap<>(database.springProperties());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", "hostile" + UUID.randomUUID().toString().substring(0, 6) + "-");
        properties.put("vigil.notify.poll-interval", "200ms");
        properties.put("vigil.notify.dashboard-url", "https://vigil.test");
        properties.put("vigil.channel.allow-private-targets", allowPrivate);
        properties.put("vigil.channel.name-servers", "127.0.0.1:" + dns.socketAddress().getPort());
        properties.put("vigil.channel.encryption-key", KEY);
        return AlertingContexts.start(properties);
    }

    /**
     * Stores the channels as the api would (sealed, default for the workspace), opens an incident and answers each
     * channel's delivery once it was attempted: {@code [status, response_code, last_error]}.
     */
    private static Map<String, Map<String, Object>> deliver(ConfigurableApplicationContext alerting,
                                                            Map<String, Map.Entry<String, Map<String, String>>> channels) {
        JdbcClient jdbc = alerting.getBean(JdbcClient.class);
        SecretBox box = alerting.getBean(SecretBox.class);
        UUID[] ids = new TestMonitors(jdbc).http(List.of("local-a"), 0, 1000, 60);
        Map<String, UUID> byName = new LinkedHashMap<>();
        channels.forEach((name, channel) -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO alert_channels (id, workspace_id, name, type, config_sealed, is_default)
                            VALUES (?, ?, ?, ?, ?, true)""")
                    .params(id, ids[0], name.length() > 100 ? name.substring(0, 100) : name, channel.getKey(),
                            box.seal(WireJson.write(channel.getValue())))
                    .update();
            byName.put(name, id);
        });
        IncidentLedger ledger = alerting.getBean(IncidentLedger.class);
        MonitorRef monitor = new MonitorRef(ids[1], ids[0], "Shop", "HTTP", "https://shop.example/health");
        alerting.getBean(TransactionTemplate.class).executeWithoutResult(tx -> ledger.open(monitor,
                IncidentKind.DOWN, "HTTP status 503", List.of("local-a"), Instant.now(), List.of()));
        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (Map.Entry<String, UUID> channel : byName.entrySet()) {
                jdbc.sql("SELECT status, response_code, last_error FROM notification_deliveries "
                                + "WHERE channel_id = ? AND attempts > 0 AND status <> 'SENDING'")
                        .param(channel.getValue()).query().listOfRows().stream().findFirst()
                        .ifPresent(row -> outcomes.put(channel.getKey(), row));
            }
            return outcomes.size() == byName.size();
        });
        return outcomes;
    }

    private static boolean refusedByGuard(Map<String, Object> delivery) {
        // Not delivered, and refused before any connection (a retry would be refused again).
        return !"DELIVERED".equals(delivery.get("status"))
                && String.valueOf(delivery.get("last_error")).contains("refused by the SSRF guard");
    }

    private static Map.Entry<String, Map<String, String>> webhook(String url) {
        return Map.entry("WEBHOOK", Map.of("url", url, "secret", "hostile-tenant-secret-01"));
    }

    private static Map.Entry<String, Map<String, String>> chat(String type, String url) {
        return Map.entry(type, Map.of("webhookUrl", url));
    }

    @Test
    void saasChannelsCannotReachInsideAndForgedResultsAreDropped() {
        try (TestDatabase database = TestDatabase.createMigrated();
             ConfigurableApplicationContext saas = alerting(database, false)) {
            int port = internal.getAddress().getPort();
            Map<String, Map.Entry<String, Map<String, String>>> attacks = new LinkedHashMap<>();
            attacks.put("webhook to a name answering a public and a private address",
                    webhook("https://mixed.vigil.test/hook"));
            attacks.put("Slack webhook to a name answering a public and a private address",
                    chat("SLACK", "https://mixed.vigil.test/services/T000/B000/XXXX"));
            attacks.put("Discord webhook to a name pointing at cloud metadata",
                    chat("DISCORD", "http://metadata.vigil.test/api/webhooks/1/x"));
            attacks.put("Teams webhook to cloud metadata by address",
                    chat("TEAMS", "http://169.254.169.254/latest/meta-data/"));
            attacks.put("webhook to loopback written as an IPv4-mapped IPv6 address",
                    webhook("http://[::ffff:127.0.0.1]:" + port + "/hook"));
            attacks.put("webhook to an internal name", webhook("http://internal.vigil.test:" + port + "/hook"));

            Map<String, Map<String, Object>> outcomes = deliver(saas, attacks);

            outcomes.forEach((attack, delivery) -> assertThat(TALLY.record(attack, refusedByGuard(delivery)))
                    .as(attack + ": " + delivery).isTrue());
            assertThat(internalHits).noneMatch(hit -> hit.equals("/hook"));

            forgedResultsAreDropped(saas);
        }
    }

    private static void forgedResultsAreDropped(ConfigurableApplicationContext alerting) {
        JdbcClient jdbc = alerting.getBean(JdbcClient.class);
        MeterRegistry meters = alerting.getBean(MeterRegistry.class);
        UUID[] victim = new TestMonitors(jdbc).http(List.of("local-a"), 1, 5000, 60);
        UUID[] attacker = new TestMonitors(jdbc).http(List.of("local-a"), 1, 5000, 60);
        double before = meters.get("vigil.ingest.results").tag("outcome", "dropped").counter().count();
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, CheckResult> forged = new LinkedHashMap<>();
        forged.put("forged result for a monitor of another workspace", result(attacker[0], victim[1], round));
        forged.put("forged result for a monitor that does not exist", result(attacker[0], UUID.randomUUID(), round));
        forged.put("forged result naming another workspace for one's own monitor", result(victim[0], attacker[1],
                round));
        alerting.getBean(MessagePublisher.class).publish(alerting.getBean(QueueNames.class).results(),
                List.copyOf(forged.values())).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("vigil.ingest.results")
                .tag("outcome", "dropped").counter().count() - before >= forged.size());
        for (Map.Entry<String, CheckResult> attack : forged.entrySet()) {
            int stored = jdbc.sql("SELECT count(*) FROM check_results WHERE job_id = ?")
                    .param(attack.getValue().jobId()).query(Integer.class).single();
            assertThat(TALLY.record(attack.getKey(), stored == 0)).as(attack.getKey()).isTrue();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id IN (?, ?)")
                .params(victim[1], attacker[1]).query(Integer.class).single()).isZero();
    }

    private static CheckResult result(UUID workspace, UUID monitor, Instant round) {
        UUID roundId = JobIds.round(monitor, round);
        return new CheckResult(JobIds.job(roundId, "local-a", JobKind.SCHEDULED), roundId, monitor, workspace,
                "local-a", JobKind.SCHEDULED, round, round.plusMillis(5), false, false, 40, PhaseTimings.NONE, 503,
                null, "forged outage", List.of(), List.of(), null, null, 1);
    }

    @Test
    void selfHostedChannelsReachPrivateTargetsButNeverCloudMetadataOrARedirect() {
        try (TestDatabase database = TestDatabase.createMigrated();
             ConfigurableApplicationContext selfHosted = alerting(database, true)) {
            int port = internal.getAddress().getPort();
            Map<String, Map.Entry<String, Map<String, String>>> channels = new LinkedHashMap<>();
            channels.put("webhook to a name pointing at cloud metadata, private targets allowed",
                    webhook("http://metadata.vigil.test/latest/meta-data/"));
            channels.put("Slack webhook to IPv6 cloud metadata by name, private targets allowed",
                    chat("SLACK", "http://metadata6.vigil.test/latest/meta-data/"));
            channels.put("webhook to the ECS task metadata endpoint, private targets allowed",
                    webhook("http://169.254.170.2/v2/credentials/"));
            channels.put("redirect", webhook("http://internal.vigil.test:" + port + "/redirect"));
            channels.put("private", webhook("http://internal.vigil.test:" + port + "/private"));

            Map<String, Map<String, Object>> outcomes = deliver(selfHosted, channels);

            outcomes.forEach((attack, delivery) -> {
                if (!attack.equals("redirect") && !attack.equals("private")) {
                    assertThat(TALLY.record(attack, refusedByGuard(delivery))).as(attack + ": " + delivery).isTrue();
                }
            });
            Map<String, Object> redirect = outcomes.get("redirect");
            assertThat(TALLY.record("webhook answered by a redirect to cloud metadata, private targets allowed",
                    Integer.valueOf(307).equals(redirect.get("response_code"))
                            && !"DELIVERED".equals(redirect.get("status")))).as("%s", redirect).isTrue();
            assertThat(outcomes.get("private").get("status")).as("private targets stay reachable when allowed")
                    .isEqualTo("DELIVERED");
        }
    }
}
