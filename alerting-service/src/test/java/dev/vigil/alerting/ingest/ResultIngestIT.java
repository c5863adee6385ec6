package dev.vigil.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.testing.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class ResultIngestIT {

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    /** {@code [workspace, monitor]} of a new HTTP monitor. */
    private UUID[] monitor() {
        return new TestMonitors(jdbc).http(List.of("local-a", "local-b", "local-c"), 1, 5000, 60);
    }

    private static CheckResult result(UUID[] ids, Instant round, String region, boolean ok) {
        return result(ids[0], ids[1], round, region, ok);
    }

    private static CheckResult result(UUID workspace, UUID monitor, Instant round, String region, boolean ok) {
        UUID roundId = JobIds.round(monitor, round);
        return new CheckResult(JobIds.job(roundId, region, JobKind.SCHEDULED), roundId, monitor, workspace,
                region, JobKind.SCHEDULED, round, round.plusMillis(5), ok, false, 40,
                new PhaseTimings(1L, 2L, null, 30L), ok ? 200 : 503, ok ? null : ErrorKind.HTTP_STATUS,
                ok ? null : "HTTP status 503", List.of(), List.of(), null, 10L, 1);
    }

    @Test
    void resultsFromTheQueueAreStoredOnceEvenWhenPublishedTwice() {
        UUID[] ids = monitor();
        UUID monitor = ids[1];
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<CheckResult> results = new ArrayList<>();
        for (String region : List.of("local-a", "local-b", "local-c")) {
            results.add(result(ids, round, region, !region.equals("local-b")));
        }

        publisher.publishAll(names.results(), results).join();
        publisher.publishAll(names.results(), results).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> count(monitor) == 3);
        // Give the duplicates time to arrive; they must not add rows.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(monitor) == 3);
        String failure = jdbc.sql("SELECT message FROM check_results WHERE monitor_id = ? AND NOT ok")
                .param(monitor).query(String.class).single();
        assertThat(failure).isEqualTo("HTTP status 503");
    }

    @Test
    void aLargeBurstIsStoredInBatches() {
        UUID[] ids = monitor();
        UUID monitor = ids[1];
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            results.add(result(ids, start.plusSeconds(i), "local-a", true));
        }

        publisher.publishAll(names.results(), results).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> count(monitor) == 600);
    }

    /** A one-shot check's result: the check's id stands for monitor and round. */
    private static CheckResult oneShot(UUID workspace, UUID check, String region) {
        return new CheckResult(JobIds.job(check, region, JobKind.ONE_SHOT), check, check, workspace, region,
                JobKind.ONE_SHOT, Instant.now(), Instant.now(), true, false, 12, new PhaseTimings(1L, 2L, null, 9L),
                200, null, null, List.of(), List.of(), null, 10L, 1);
    }

    @Test
    void oneShotResultsGoToTheWaitingCheckOnlyForItsWorkspaceAndRegionsAndNeverToCheckResults() {
        UUID[] mine = monitor();
        UUID[] theirs = monitor();
        UUID check = UUID.randomUUID();
        jdbc.sql("INSERT INTO one_shot_checks (id, workspace_id, regions, expires_at) "
                + "VALUES (?, ?, '{local-a,local-b}', now() + interval '1 minute')").params(check, mine[0]).update();
        double droppedBefore = dropped();

        publisher.publish(names.results(), List.of(
                oneShot(mine[0], check, "local-a"),
                oneShot(mine[0], check, "local-c"),                // a region the check did not ask
                oneShot(theirs[0], check, "local-b"),              // another workspace claiming the check
                oneShot(mine[0], UUID.randomUUID(), "local-a"))).join(); // no such check
        publisher.publish(names.results(), oneShot(mine[0], check, "local-a")).join();  // redelivered

        await().atMost(Duration.ofSeconds(15)).until(() -> dropped() - droppedBefore == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> dropped() - droppedBefore == 3);
        assertThat(jdbc.sql("SELECT region FROM one_shot_results WHERE check_id = ?").param(check)
                .query(String.class).list()).containsExactly("local-a");
        assertThat(jdbc.sql("SELECT result->>'statusCode' FROM one_shot_results WHERE check_id = ?").param(check)
                .query(String.class).single()).isEqualTo("200");
        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = ?").param(check)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void forgedAndStaleResultsAreCountedAndDroppedNeverStored() {
        UUID[] mine = monitor();
        UUID[] theirs = monitor();
        UUID[] deleted = monitor();
        jdbc.sql("DELETE FROM monitors WHERE id = ?").param(deleted[1]).update();
        Instant round = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double droppedBefore = dropped();

        // One packed message, as a probe sends: a genuine result among three that must not be stored.
        List<CheckResult> message = List.of(
                result(mine, round, "local-a", true),
                result(UUID.randomUUID(), UUID.randomUUID(), round, "local-a", false),   // no such monitor
                result(theirs[0], mine[1], round, "local-b", false),                      // my monitor, their workspace
                result(deleted, round, "local-a", false));                                // deleted since
        publisher.publish(names.results(), message).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> count(mine[1]) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> dropped() - droppedBefore == 3);
        // Deleted from the queue like any handled message: never redelivered, never counted twice.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> dropped() - droppedBefore == 3);
        assertThat(jdbc.sql("SELECT workspace_id FROM check_results WHERE monitor_id = ?").param(mine[1])
                .query(UUID.class).list()).containsExactly(mine[0]);
        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE workspace_id = ?").param(theirs[0])
                .query(Integer.class).single()).isZero();
        assertThat(count(deleted[1])).isZero();
    }

    private double dropped() {
        return meters.get("vigil.ingest.results").tag("outcome", "dropped").counter().count();
    }

    private int count(UUID monitor) {
        return jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = ?").param(monitor)
                .query(Integer.class).single();
    }
}
