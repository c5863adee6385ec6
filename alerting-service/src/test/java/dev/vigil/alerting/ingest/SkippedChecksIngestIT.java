package dev.vigil.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Probes' reports of skipped checks, on the results queue beside the results, are stored once per run, counted by
 * region, and feed the operator's gauge; reports about deleted monitors are dropped, not dead-lettered.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class SkippedChecksIngestIT {

    private static final Map<String, String> KIND =
            Map.of(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE, ChecksSkipped.MESSAGE_KIND);

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SkippingMonitorsGauge gauge;

    @Test
    void aReportIsStoredOnceWhateverTheRedeliveriesAndCountedByRegion() {
        UUID[] ids = new TestMonitors(jdbc).http(List.of("local-a", "local-b"), 1, 1000, 60);
        UUID workspace = ids[0];
        UUID monitor = ids[1];
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        ChecksSkipped.Run run = new ChecksSkipped.Run(monitor, workspace, first, first.plus(Duration.ofMinutes(2)),
                3, 60);
        ChecksSkipped.Run gone = ChecksSkipped.Run.of(UUID.randomUUID(), workspace, first, 60);
        ChecksSkipped report = new ChecksSkipped("local-a", "probe-1", Instant.now(), List.of(run, gone));
        double before = skippedCounted("local-a");

        publisher.publish(names.results(), report, KIND).join();
        publisher.publish(names.results(), report, KIND).join();
        // The same run, grown by a later report of the same probe (it kept skipping).
        ChecksSkipped.Run grown = new ChecksSkipped.Run(monitor, workspace, first, first.plus(Duration.ofMinutes(4)),
                5, 60);
        publisher.publish(names.results(), new ChecksSkipped("local-a", "probe-1", Instant.now(), List.of(grown)),
                KIND).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> skippedCounted("local-a") >= before + 11);
        var row = jdbc.sql("""
                        SELECT count(*) AS runs, max(checks) AS checks, max(last_at) AS last_at,
                               bool_and(workspace_id = ?) AS same_workspace
                        FROM skipped_checks WHERE monitor_id = ?""")
                .params(workspace, monitor).query().singleRow();
        assertThat(row.get("runs")).isEqualTo(1L);
        assertThat(row.get("checks")).isEqualTo(5);
        assertThat(((java.sql.Timestamp) row.get("last_at")).toInstant()).isEqualTo(first.plus(Duration.ofMinutes(4)));
        assertThat(row.get("same_workspace")).isEqualTo(true);
        assertThat(jdbc.sql("SELECT count(*) FROM skipped_checks WHERE monitor_id = ?").param(gone.monitorId())
                .query(Integer.class).single()).as("a deleted monitor's run is dropped").isZero();

        gauge.refresh();
        assertThat(meters.get("vigil.overload.monitors.skipping").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("vigil.overload.workspaces.skipping").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void roundsAProbeCannotRunAreStoredAsSuchAndAreNotCountedAsOverload() {
        UUID[] ids = new TestMonitors(jdbc).http(List.of("local-c"), 1, 1000, 300);
        UUID workspace = ids[0];
        UUID monitor = ids[1];
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        ChecksSkipped.Run unrunnable = ChecksSkipped.Run.of(monitor, workspace, first, 300,
                ChecksSkipped.Run.UNRUNNABLE);
        double before = skippedCounted("local-c");

        publisher.publish(names.results(), new ChecksSkipped("local-c", "probe-9", Instant.now(),
                List.of(unrunnable)), KIND).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM skipped_checks WHERE monitor_id = ?").param(monitor).query(Integer.class)
                .single() == 1);
        assertThat(jdbc.sql("SELECT reason FROM skipped_checks WHERE monitor_id = ?").param(monitor)
                .query(String.class).single()).isEqualTo("UNRUNNABLE");
        assertThat(skippedCounted("local-c")).as("not checks skipped for being behind").isEqualTo(before);
    }

    private double skippedCounted(String region) {
        var counter = meters.find("vigil.overload.checks.skipped").tag("region", region).counter();
        return counter == null ? 0 : counter.count();
    }
}
