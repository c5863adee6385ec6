package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** Heartbeat monitors: pings recorded as the api-service records them, judged by the running evaluator. */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.evaluation.sweep-interval=200ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class HeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOverdueBeatOpensAnIncidentAndTheNextBeatResolvesIt() {
        UUID monitor = new TestMonitors(jdbc).heartbeat(1, 1, "tok-" + UUID.randomUUID())[1];
        ping(monitor, "BEAT", null);
        await().atMost(WAIT).until(() -> status(monitor).equals("UP"));
        assertThat(incidents(monitor)).isEmpty();

        // No beat within period (1 s) + grace (1 s).
        await().atMost(WAIT).until(() -> status(monitor).equals("DOWN"));
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:OPEN");

        ping(monitor, "BEAT", null);
        await().atMost(WAIT).until(() -> status(monitor).equals("UP"));
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_MISSED:RESOLVED");
        assertThat(jdbc.sql("SELECT event FROM notification_outbox WHERE monitor_id = ? ORDER BY created_at")
                .param(monitor).query(String.class).list()).containsExactly("incident.opened", "incident.resolved");
    }

    @Test
    void anExplicitFailureOpensAnIncidentAtOnce() {
        UUID monitor = new TestMonitors(jdbc).heartbeat(3600, 600, "tok-" + UUID.randomUUID())[1];
        ping(monitor, "BEAT", null);
        await().atMost(WAIT).until(() -> status(monitor).equals("UP"));

        ping(monitor, "FAIL", "backup failed: disk full\nmore output");

        await().atMost(WAIT).until(() -> status(monitor).equals("DOWN"));
        assertThat(incidents(monitor)).containsExactly("HEARTBEAT_FAILED:OPEN");
        assertThat(jdbc.sql("SELECT cause FROM incidents WHERE monitor_id = ?").param(monitor).query(String.class)
                .single()).isEqualTo("The job reported a failure: backup failed: disk full");
    }

    @Test
    void aMonitorThatNeverPingedIsNotAlerted() throws InterruptedException {
        UUID monitor = new TestMonitors(jdbc).heartbeat(1, 0, "tok-" + UUID.randomUUID())[1];
        Thread.sleep(1500);

        assertThat(status(monitor)).isEqualTo("PENDING");
        assertThat(incidents(monitor)).isEmpty();
    }

    private void ping(UUID monitor, String kind, String body) {
        jdbc.sql("INSERT INTO heartbeat_pings (monitor_id, kind, body) VALUES (?, ?, ?)").params(monitor, kind, body)
                .update();
    }

    private String status(UUID monitor) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = ?").param(monitor).query(String.class).single();
    }

    private List<String> incidents(UUID monitor) {
        return jdbc.sql("SELECT kind || ':' || status FROM incidents WHERE monitor_id = ? ORDER BY started_at")
                .param(monitor).query(String.class).list();
    }
}
