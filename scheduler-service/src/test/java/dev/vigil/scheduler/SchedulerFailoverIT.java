package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.JobStream.Received;
import dev.vigil.scheduler.SchedulerProcess.Line;
import dev.vigil.scheduler.schedule.RoundClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Two scheduler JVMs against one database and the embedded SQS server: the active one is killed with SIGKILL, and the
 * standby must take over within 10 s; the job stream shows no duplicate, no flood, and no round lost outside the gap.
 */
class SchedulerFailoverIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final String PREFIX = "failover-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final int MONITORS = 150;
    private static final int INTERVAL_SECONDS = 3;
    private static final String ACTIVE = "active scheduler now";
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theStandbyTakesOverWithinSecondsOfAKillWithoutDuplicatesOrAFlood() throws Exception {
        List<UUID> monitors = seedMonitors();
        SqsAsyncClient sqs = TestSqs.shared().client();
        Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", PREFIX);
        properties.put("vigil.regions[0].id", "local-a");
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");

        try (SchedulerProcess a = SchedulerProcess.start("a", properties, JVM);
             SchedulerProcess b = SchedulerProcess.start("b", properties, JVM)) {
            // Both start together; whichever wins the lock is the leader, the other the standby.
            Line aActive = a.awaitLine(ACTIVE, Duration.ofSeconds(90)).orElse(null);
            SchedulerProcess leader = a;
            SchedulerProcess standby = b;
            if (aActive == null) {
                leader = b;
                standby = a;
            }
            assertThat(leader.awaitLine(ACTIVE, Duration.ofSeconds(90)))
                    .as("a leader within 90 s\n%s%s", a.output(), b.output()).isPresent();
            assertThat(standby.awaitLine("Started SchedulerApplication", Duration.ofSeconds(90)))
                    .as("the standby is up\n%s", standby.output()).isPresent();
            assertThat(standby.lines()).noneMatch(l -> l.text().contains(ACTIVE));

            String url = sqs.getQueueUrl(r -> r.queueName(new QueueNames(PREFIX).checks("local-a",
                    FrequencyBucket.S30))).join().queueUrl();
            List<Received> received;
            Instant killedAt;
            Instant takenOverAt;
            try (JobStream stream = new JobStream(sqs, url)) {
                Thread.sleep(7_000);
                killedAt = leader.kill();
                Line took = standby.awaitLine(ACTIVE, Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("no takeover\n" + a.output() + b.output()));
                takenOverAt = took.at();
                Thread.sleep(9_000);
                received = stream.received();
            }

            Duration takeover = Duration.between(killedAt, takenOverAt);
            System.out.printf("failover: takeover %d ms after SIGKILL, %d jobs received%n", takeover.toMillis(),
                    received.size());
            assertThat(takeover).isLessThan(Duration.ofSeconds(10));
            assertNoDuplicates(received);
            assertNoRoundLostOutsideTheGap(monitors, received, killedAt, takenOverAt);
            assertNoFlood(received);
        }
    }

    private static void assertNoDuplicates(List<Received> received) {
        Set<UUID> ids = new HashSet<>();
        List<CheckJob> duplicates = received.stream().map(Received::job).filter(j -> !ids.add(j.jobId())).toList();
        assertThat(duplicates).as("jobs received twice").isEmpty();
    }

    /** Every round between a monitor's first and last received job arrived, except rounds of the failover gap. */
    private static void assertNoRoundLostOutsideTheGap(List<UUID> monitors, List<Received> received,
                                                       Instant killedAt, Instant takenOverAt) {
        Map<UUID, Set<Instant>> byMonitor = new HashMap<>();
        received.forEach(r -> byMonitor.computeIfAbsent(r.job().monitorId(), id -> new HashSet<>())
                .add(r.job().scheduledAt()));
        // A round due just before the kill may not have been sent yet (the loop wakes every 100 ms; a busy machine).
        Instant gapStart = killedAt.minusSeconds(2);
        long maxLostPerMonitor = Duration.between(gapStart, takenOverAt).toMillis() / (INTERVAL_SECONDS * 1000L) + 1;
        List<String> lostOutsideGap = new ArrayList<>();
        long lost = 0;
        for (UUID monitor : monitors) {
            Set<Instant> rounds = byMonitor.getOrDefault(monitor, Set.of());
            assertThat(rounds).as("rounds of monitor %s", monitor).isNotEmpty();
            Instant first = rounds.stream().min(Instant::compareTo).orElseThrow();
            Instant last = rounds.stream().max(Instant::compareTo).orElseThrow();
            assertThat(last).as("the new leader sends").isAfter(takenOverAt);
            int lostHere = 0;
            for (Instant r = first; !r.isAfter(last); r = r.plusSeconds(INTERVAL_SECONDS)) {
                if (!rounds.contains(r)) {
                    lostHere++;
                    if (r.isBefore(gapStart) || r.isAfter(takenOverAt)) {
                        lostOutsideGap.add(monitor + "@" + r);
                    }
                }
            }
            assertThat(lostHere).isLessThanOrEqualTo((int) maxLostPerMonitor);
            lost += lostHere;
            assertThat(RoundClock.roundAtOrBefore(monitor, INTERVAL_SECONDS, first)).isEqualTo(first);
        }
        System.out.printf("failover: %d rounds lost in the gap (%d monitors, %d s interval)%n", lost, monitors.size(),
                INTERVAL_SECONDS);
        assertThat(lostOutsideGap).as("rounds lost outside the failover gap").isEmpty();
    }

    /** No catch-up burst: every job is sent close to its instant, and no second carries more than the usual load. */
    private static void assertNoFlood(List<Received> received) {
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        for (Received r : received) {
            assertThat(Duration.between(r.job().scheduledAt(), r.job().sentAt()))
                    .as("sent late: %s", r.job()).isLessThan(Duration.ofSeconds(2));
            perSecond.merge(r.job().sentAt().getEpochSecond(), 1, Integer::sum);
        }
        int usual = MONITORS / INTERVAL_SECONDS;
        assertThat(perSecond.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2 * usual + 10));
    }

    private static List<UUID> seedMonitors() {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'failover')").param(workspace).update();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            jdbc.sql("""
                    INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                          regions)
                    VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, ?, 1000,
                            '{local-a}')""").params(id, workspace, INTERVAL_SECONDS).update();
        }
        return ids;
    }
}
