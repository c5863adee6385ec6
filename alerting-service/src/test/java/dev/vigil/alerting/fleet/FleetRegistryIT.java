package dev.vigil.alerting.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.message.ProbeHeartbeat.OfferedPlugin;
import dev.vigil.common.message.ProbeHeartbeat.PluginKind;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.SharedInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** Probe heartbeats from the queue into the fleet tables, as the API then reads them. */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class FleetRegistryIT {

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FleetRegistry registry;

    private static ProbeHeartbeat beat(String instance, Instant sentAt, boolean stopping, OfferedPlugin... plugins) {
        return new ProbeHeartbeat("local-a", instance, "1.0", sentAt.minusSeconds(60), sentAt, 15, stopping,
                List.of(MonitorType.HTTP, MonitorType.PLUGIN), List.of(plugins), 2, 64);
    }

    private List<String> plugins(String instance) {
        return jdbc.sql("SELECT name FROM probe_plugins WHERE instance_id = ? ORDER BY name").param(instance)
                .query(String.class).list();
    }

    @Test
    void aHeartbeatFromTheQueueRegistersTheInstanceAndItsPlugins() {
        String instance = "probe-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publisher.publish(names.probeHeartbeats(), beat(instance, now, false,
                new OfferedPlugin("check_tcp", PluginKind.NAGIOS, null),
                new OfferedPlugin("banner", PluginKind.JAVA, "Greeting check"))).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> plugins(instance).size() == 2);
        assertThat(plugins(instance)).containsExactly("banner", "check_tcp");
        Timestamp expires = jdbc.sql("SELECT expires_at FROM probe_instances WHERE instance_id = ?").param(instance)
                .query(Timestamp.class).single();
        // Three missed 15-second heartbeats.
        assertThat(expires.toInstant()).isAfter(Instant.now().plusSeconds(30));
        assertThat(jdbc.sql("SELECT monitor_types FROM probe_instances WHERE instance_id = ?").param(instance)
                .query((rs, row) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .containsExactly("HTTP", "PLUGIN");
    }

    @Test
    void anOlderHeartbeatArrivingLateChangesNothing() {
        String instance = "probe-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(registry.record(beat(instance, now, true), now, 3)).isTrue();
        assertThat(registry.record(beat(instance, now.minusSeconds(15), false,
                new OfferedPlugin("check_old", PluginKind.NAGIOS, null)), now, 3)).isFalse();

        assertThat(jdbc.sql("SELECT stopping FROM probe_instances WHERE instance_id = ?").param(instance)
                .query(Boolean.class).single()).isTrue();
        assertThat(plugins(instance)).isEmpty();
    }

    @Test
    void aChangedPluginSetReplacesTheRowsAndAStoppingBeatExpiresTheInstanceAtOnce() {
        String instance = "probe-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        registry.record(beat(instance, now, false, new OfferedPlugin("check_a", PluginKind.NAGIOS, null)), now, 3);

        registry.record(beat(instance, now.plusSeconds(15), false, new OfferedPlugin("check_b", PluginKind.NAGIOS,
                null)), now.plusSeconds(15), 3);
        assertThat(plugins(instance)).containsExactly("check_b");

        registry.record(beat(instance, now.plusSeconds(30), true, new OfferedPlugin("check_b", PluginKind.NAGIOS,
                null)), now, 3);
        Timestamp expires = jdbc.sql("SELECT expires_at FROM probe_instances WHERE instance_id = ?").param(instance)
                .query(Timestamp.class).single();
        assertThat(expires.toInstant()).isBeforeOrEqualTo(now);
    }

    @Test
    void longGoneInstancesAreForgotten() {
        String instance = "probe-" + UUID.randomUUID();
        Instant longAgo = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        registry.record(beat(instance, longAgo, false, new OfferedPlugin("check_x", PluginKind.NAGIOS, null)), longAgo,
                3);

        registry.forgetGoneBefore(Instant.now().minus(Duration.ofDays(1)));

        assertThat(jdbc.sql("SELECT count(*) FROM probe_instances WHERE instance_id = ?").param(instance)
                .query(Integer.class).single()).isZero();
        assertThat(plugins(instance)).isEmpty();
    }
}
