package dev.vigil.alerting.notify;

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
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import java.time.Duration;
import java.time.Instant;
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
 * The dispatcher as the service runs it: two alerting-service instances (application contexts) on one database of
 * their own, configured through properties (SMTP, the channel SSRF policy, the encryption key), deliver an incident
 * that the ledger opens to a webhook and an email channel, each exactly once.
 */
class NotifyPipelineIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void twoRunningInstancesDeliverAnIncidentOncePerChannel() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated(); Receiver receiver = Receiver.ok()) {
            Map<String, Object> properties = new HashMap<>(database.springProperties());
            properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
            properties.put("vigil.sqs.queue-prefix", "notify" + UUID.randomUUID().toString().substring(0, 6) + "-");
            properties.put("vigil.notify.poll-interval", "200ms");
            properties.put("vigil.notify.dashboard-url", "https://vigil.test");
            properties.put("vigil.channel.allow-private-targets", true);
            properties.put("vigil.channel.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", smtp.getSmtp().getPort());
            try (ConfigurableApplicationContext first = AlertingContexts.start(properties);
                 ConfigurableApplicationContext second = AlertingContexts.start(properties)) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                SecretBox box = first.getBean(SecretBox.class);
                UUID[] ids = new TestMonitors(jdbc).http(List.of("local-a"), 0, 1000, 60);
                MonitorRef monitor = new MonitorRef(ids[1], ids[0], "Test target", "HTTP", "http://127.0.0.1:1/health");
                for (Map<String, String> config : List.of(
                        Map.of("url", receiver.url("/pipeline"), "secret", "pipeline-secret-0000001"),
                        Map.of("to", "pipeline@example.com"))) {
                    UUID channel = UUID.randomUUID();
                    jdbc.sql("""
                                    INSERT INTO alert_channels (id, workspace_id, name, type, config_sealed, is_default)
                                    VALUES (?, ?, 'Pipeline', ?, ?, true)""")
                            .params(channel, ids[0], config.containsKey("to") ? "EMAIL" : "WEBHOOK",
                                    box.seal(WireJson.write(config), SealedColumns.alertChannelConfig(channel)))
                            .update();
                }
                IncidentLedger ledger = first.getBean(IncidentLedger.class);
                first.getBean(TransactionTemplate.class).executeWithoutResult(tx -> ledger.open(monitor,
                        IncidentKind.DOWN, "Connection refused", List.of("local-a"), Instant.now(), List.of()));

                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 1
                        && smtp.getReceivedMessages().length == 1);
                Thread.sleep(1500); // several more polls of both instances: nothing is sent twice
                assertThat(receiver.requests()).hasSize(1);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
                assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[Vigil] DOWN: Test target");
                assertThat(jdbc.sql("SELECT count(*) FROM notification_deliveries WHERE status = 'DELIVERED'")
                        .query(Long.class).single()).isEqualTo(2);
            }
        }
    }
}
