package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.testing.TcpProxy;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.JobStream.Received;
import dev.vigil.scheduler.SchedulerProcess.Line;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * An active and a standby scheduler JVM reach PostgreSQL through a TCP relay that the test cuts for 20 s (every
 * connection dropped, new ones refused): the active one keeps sending from its cached schedule, neither sends a round
 * twice when the database returns (whichever wins the lock then), and changes made during the outage are picked up
 * once it is over.
 */
class SchedulerDatabaseOutageIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final TcpProxy.ProxiedUrl db = TcpProxy.forJdbcUrl(database.jdbcUrl());
    private static final int MONITORS = 60;
    private static final int INTERVAL_SECONDS = 3;
    private static final Duration CUT = Duration.ofSeconds(20);
    private static final String ACTIVE = "active scheduler now";
    private static final String[] LEASE_EVENTS = {"lease", "leader", "active scheduler", "standing by"};
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    @AfterAll
    static void drop() {
        db.proxy().close();
        database.close();
    }

    @Test
    void roundsKeepFlowingThroughADatabaseOutageAndNoneIsSentTwiceWhenItEnds() throws Exception {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'outage')").param(workspace).update();
        List<UUID> monitors = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            monitors.add(insertMonitor(jdbc, workspace));
        }
        UUID pausedDuringCut = monitors.removeLast();
        String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqsAsyncClient sqs = TestSqs.shared().client();
        Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
        properties.put("spring.datasource.url", db.url());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", prefix);
        properties.put("vigil.regions[0].id", "local-a");
        properties.put("server.port", "0");

        try (SchedulerProcess a = SchedulerProcess.start("a", properties, JVM);
             SchedulerProcess b = SchedulerProcess.start("b", properties, JVM)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (a.awaitLine(ACTIVE, Duration.ZERO).isEmpty() && b.awaitLine(ACTIVE, Duration.ZERO).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            SchedulerProcess leader = a.awaitLine(ACTIVE, Duration.ZERO).isPresent() ? a : b;
            SchedulerProcess standby = leader == a ? b : a;
            Line active = leader.awaitLine(ACTIVE, Duration.ZERO)
                    .orElseThrow(() -> new AssertionError("no leader\n" + a.output() + b.output()));
            assertThat(standby.awaitLine("Started SchedulerApplication", Duration.ofSeconds(90))).isPresent();

            String url = sqs.getQueueUrl(r -> r.queueName(new QueueNames(prefix).checks("local-a",
                    FrequencyBucket.S30))).join().queueUrl();
            List<Received> received;
            Instant cutAt;
            Instant restoredAt;
            Instant until;
            UUID addedDuringCut;
            try (JobStream stream = new JobStream(sqs, url)) {
                Thread.sleep(6_000);
                db.proxy().cut();
                cutAt = Instant.now();
                // Changes the scheduler cannot hear of now (the listener is cut off): seen after the outage.
                jdbc.sql("UPDATE monitors SET paused = true WHERE id = ?").param(pausedDuringCut).update();
                addedDuringCut = insertMonitor(jdbc, workspace);
                Thread.sleep(CUT.toMillis());
                db.proxy().restore();
                restoredAt = Instant.now();
                Thread.sleep(20_000);
                until = Instant.now().minusSeconds(2);
                Thread.sleep(2_000);
                received = stream.received();
            }

            RoundTally all = RoundTally.of(monitors, INTERVAL_SECONDS, "local-a", received,
                    active.at().plusSeconds(2), until);
            RoundTally duringCut = RoundTally.of(monitors, INTERVAL_SECONDS, "local-a", received, cutAt,
                    restoredAt);
            String after = a.lines().stream().anyMatch(l -> l.text().contains("handed over claimedThrough"))
                    || b.lines().stream().anyMatch(l -> l.text().contains("handed over claimedThrough"))
                    ? "the standby won the lock when the database returned; the leader handed over"
                    : "the leader kept its lease";
            System.out.print(a.linesWith(LEASE_EVENTS) + b.linesWith(LEASE_EVENTS));
            System.out.println(duringCut.figures("database cut " + CUT.toSeconds() + " s, rounds due in the cut"));
            System.out.println(all.figures("database cut " + CUT.toSeconds() + " s, whole run") + "; " + after);
            if (!all.lost().isEmpty() || all.duplicated() > 0) {
                System.out.println(a.output() + b.output());
            }
            assertThat(duringCut.expected()).isGreaterThan(MONITORS * 5);
            assertThat(all.lost()).as("rounds lost").isEmpty();
            assertThat(all.duplicated()).as("rounds sent twice").isZero();

            // Syncing resumed: the pause and the new monitor made during the cut are in effect soon after it.
            Instant synced = restoredAt.plusSeconds(15);
            assertThat(received).noneMatch(r -> r.job().monitorId().equals(pausedDuringCut)
                    && r.job().scheduledAt().isAfter(synced));
            assertThat(received).anyMatch(r -> r.job().monitorId().equals(addedDuringCut));
        }
    }

    private static UUID insertMonitor(JdbcClient jdbc, UUID workspace) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms, regions)
                VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, ?, 1000,
                        '{local-a}')""").params(id, workspace, INTERVAL_SECONDS).update();
        return id;
    }
}
