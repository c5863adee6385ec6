package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.ProbeSimulator;
import dev.vigil.alerting.support.ProbeSimulator.Target;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.SharedInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A BROWSER monitor in two regions, one of whose probes have no usable browser (their heartbeats do not offer
 * BROWSER, stored as the fleet registry stores them): the scheduler sends it nothing there, so a failure seen by the
 * other region must not wait for a confirmation that cannot come. It is DOWN at once, as a one-region monitor would be.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.evaluation.settle=1s", "vigil.evaluation.sweep-interval=200ms", "vigil.ingest.max-delay=50ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class BrowserRegionsIT {

    /** Regions of this test alone, so the probe rows below touch no other test's monitors. */
    private static final String WITH_BROWSER = "cap-browser";
    private static final String WITHOUT_BROWSER = "cap-plain";

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Supplier<RegionCapabilities> capabilities;

    private final List<String> probes = new ArrayList<>();

    @AfterEach
    void forgetProbes() {
        jdbc.sql("DELETE FROM probe_instances WHERE instance_id = ANY (?)").param(probes.toArray(String[]::new))
                .update();
    }

    private void liveProbe(String region, String... types) {
        String id = region + "-" + UUID.randomUUID();
        probes.add(id);
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at,
                                                     monitor_types)
                        VALUES (?, ?, now(), now(), now() + interval '10 minutes', ?)""")
                .params(id, region, types).update();
    }

    @Test
    void aFailureSeenWhereBrowsersRunIsNotHeldForARegionThatCannotRunThem() {
        liveProbe(WITH_BROWSER, "HTTP", "BROWSER");
        liveProbe(WITHOUT_BROWSER, "HTTP", "TCP");
        await().atMost(Duration.ofSeconds(15)).until(() -> capabilities.get()
                .lacking(MonitorType.BROWSER, List.of(WITH_BROWSER, WITHOUT_BROWSER)).equals(List.of(WITHOUT_BROWSER)));
        UUID[] ids = new TestMonitors(jdbc).browser(List.of(WITH_BROWSER, WITHOUT_BROWSER), 1, 500, 300);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(45));
        // Only the region with a browser is sent jobs, so only it reports.
        ProbeSimulator probe = new ProbeSimulator(ids[0], ids[1], List.of(WITH_BROWSER), true);
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.addAll(probe.round(start.plus(Duration.ofMinutes(5L * i)), i < 2 ? Target.up() : Target.down()));
        }
        assertThat(publisher.publishAll(names.results(), results).join()).isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT last_round_at FROM monitor_states WHERE monitor_id = ?").param(ids[1])
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(start.plus(Duration.ofMinutes(20))))
                .orElse(false));
        assertThat(jdbc.sql("SELECT status FROM monitors WHERE id = ?").param(ids[1]).query(String.class).single())
                .isEqualTo("DOWN");
        assertThat(jdbc.sql("SELECT count(*) FROM incidents WHERE monitor_id = ?").param(ids[1]).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT DISTINCT verdict FROM check_rounds WHERE monitor_id = ?").param(ids[1])
                .query(String.class).list()).doesNotContain("NOT_CONFIRMED");
    }
}
