package dev.vigil.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.ProbeSimulator;
import dev.vigil.alerting.support.ProbeSimulator.Target;
import dev.vigil.alerting.support.TestMonitors;
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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 19's per-monitor noise settings, end to end at the alerting service's boundary: results on the real
 * {@code results} queue, stored in PostgreSQL, evaluated in batches with each monitor's own settings read from
 * {@code monitors} (and the deployment's where it has none).
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0",
        "vigil.evaluation.settle=1s", "vigil.evaluation.sweep-interval=200ms", "vigil.ingest.max-delay=50ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class NoiseSettingsIT {

    private static final List<String> REGIONS = List.of("local-a", "local-b", "local-c");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;

    private record Scenario(UUID monitor, ProbeSimulator probes, Instant start) {

        Instant round(int i) {
            return start.plus(Duration.ofMinutes(i));
        }
    }

    /** A monitor with one-minute rounds in three regions and the given {@code monitors} noise columns. */
    private Scenario scenario(String noiseColumns) {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 500, 60);
        if (!noiseColumns.isEmpty()) {
            jdbc.sql("UPDATE monitors SET " + noiseColumns + " WHERE id = ?").param(ids[1]).update();
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50));
        return new Scenario(ids[1], new ProbeSimulator(ids[0], ids[1], REGIONS, true), start);
    }

    private void play(Scenario s, int fromRound, int toRound, Target target) {
        List<CheckResult> results = new ArrayList<>();
        for (int i = fromRound; i < toRound; i++) {
            results.addAll(s.probes().round(s.round(i), target));
        }
        assertThat(publisher.publishAll(names.results(), results).join()).isEmpty();
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT last_round_at FROM monitor_states WHERE monitor_id = ?")
                .param(s.monitor()).query(Timestamp.class).optional()
                .map(t -> !t.toInstant().isBefore(s.round(toRound - 1))).orElse(false));
    }

    @Test
    void twoFailuresInARowWithAThresholdOfThreeOpenNothingAndTheThirdOpensTheIncident() {
        Scenario s = scenario("failures_in_row = 3");
        play(s, 0, 2, Target.up());
        play(s, 2, 4, Target.down());

        assertThat(incidents(s)).isEmpty();
        assertThat(status(s)).isEqualTo("UP");
        assertThat(jdbc.sql("SELECT verdict FROM check_rounds WHERE monitor_id = ?").param(s.monitor())
                .query(String.class).list()).containsExactly("NOT_CONFIRMED", "NOT_CONFIRMED");
        assertThat(jdbc.sql("SELECT region_failures::text FROM monitor_states WHERE monitor_id = ?")
                .param(s.monitor()).query(String.class).single())
                .contains("\"local-a\": 2").contains("\"local-b\": 2").contains("\"local-c\": 2");

        play(s, 4, 5, Target.down());

        List<Map<String, Object>> incidents = incidents(s);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.getFirst()).containsEntry("status", "OPEN");
        assertThat(((Timestamp) incidents.getFirst().get("started_at")).toInstant()).isEqualTo(s.round(4));
        assertThat(status(s)).isEqualTo("DOWN");
    }

    @Test
    void aPassingRoundBetweenFailuresStartsTheCountAgain() {
        Scenario s = scenario("failures_in_row = 2");
        play(s, 0, 1, Target.up());
        for (int i = 1; i < 9; i += 2) {
            play(s, i, i + 1, Target.down());
            play(s, i + 1, i + 2, Target.up());
        }

        assertThat(incidents(s)).isEmpty();
        assertThat(status(s)).isEqualTo("UP");
    }

    @Test
    void recoveryWaitsForTheMonitorsOwnNumberOfPassingRounds() {
        Scenario s = scenario("recovery_rounds = 3");
        play(s, 0, 1, Target.up());
        play(s, 1, 3, Target.down());
        assertThat(status(s)).isEqualTo("DOWN");

        play(s, 3, 5, Target.up());
        assertThat(status(s)).isEqualTo("DOWN");
        assertThat(incidents(s)).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "OPEN"));

        play(s, 5, 6, Target.up());
        assertThat(status(s)).isEqualTo("UP");
        List<Map<String, Object>> incidents = incidents(s);
        assertThat(incidents).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "RESOLVED"));
        assertThat(((Timestamp) incidents.getFirst().get("resolved_at")).toInstant()).isEqualTo(s.round(5));
    }

    @Test
    void aFlappingMonitorSaysSoOnceHoldsOneIncidentAndSaysOnceMoreWhenItSettles() {
        Scenario s = scenario("flap_transitions = 3, flap_window_rounds = 10");
        play(s, 0, 1, Target.up());
        for (int i = 1; i < 9; i += 2) {
            play(s, i, i + 1, Target.down());
            play(s, i + 1, i + 2, Target.up());
        }
        // Flips at rounds 1, 2 and 3: flapping from round 3 on (the incident opened at 1, resolved at 2, reopened at
        // 3), then held open through every further flip.
        assertThat(incidents(s)).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "OPEN"));
        assertThat(flapping(s)).isTrue();
        assertThat(events(s)).containsExactlyInAnyOrder("incident.opened", "incident.resolved", "incident.reopened",
                "monitor.flapping");

        // Stable: the last flips (rounds 7 and 8) are all that is left in the window of 10 rounds from round 16 on.
        play(s, 9, 17, Target.up());

        assertThat(flapping(s)).isFalse();
        assertThat(status(s)).isEqualTo("UP");
        List<Map<String, Object>> incidents = incidents(s);
        assertThat(incidents).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "RESOLVED"));
        assertThat(((Timestamp) incidents.getFirst().get("resolved_at")).toInstant()).isEqualTo(s.round(16));
        assertThat(events(s)).containsExactlyInAnyOrder("incident.opened", "incident.resolved", "incident.reopened",
                "monitor.flapping", "monitor.settled", "incident.resolved");
        assertThat(jdbc.sql("SELECT type FROM incident_events WHERE incident_id = ? AND type IN ('FLAPPING', 'SETTLED')")
                .param(incidents.getFirst().get("id")).query(String.class).list())
                .containsExactlyInAnyOrder("FLAPPING", "SETTLED");
    }

    @Test
    void aMonitorWithoutSettingsOfItsOwnFollowsTheDeployment() {
        // The deployment's defaults: a failure counts at once, one passing round recovers, flapping at 4 changes.
        Scenario s = scenario("");
        play(s, 0, 1, Target.up());
        play(s, 1, 2, Target.down());
        assertThat(status(s)).isEqualTo("DOWN");
        assertThat(incidents(s)).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "OPEN"));

        play(s, 2, 3, Target.up());
        assertThat(status(s)).isEqualTo("UP");
        assertThat(incidents(s)).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "RESOLVED"));

        play(s, 3, 4, Target.down());
        play(s, 4, 5, Target.up());
        assertThat(flapping(s)).isTrue();
        assertThat(events(s)).filteredOn(e -> e.startsWith("monitor.")).containsExactly("monitor.flapping");
    }

    private boolean flapping(Scenario s) {
        return jdbc.sql("SELECT flapping FROM monitor_states WHERE monitor_id = ?").param(s.monitor())
                .query(Boolean.class).single();
    }

    private List<String> events(Scenario s) {
        return jdbc.sql("SELECT event FROM notification_outbox WHERE monitor_id = ?").param(s.monitor())
                .query(String.class).list();
    }

    private String status(Scenario s) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = ?").param(s.monitor()).query(String.class).single();
    }

    private List<Map<String, Object>> incidents(Scenario s) {
        return jdbc.sql("SELECT id, status, cause, started_at, resolved_at FROM incidents WHERE monitor_id = ?")
                .param(s.monitor()).query().listOfRows();
    }
}
