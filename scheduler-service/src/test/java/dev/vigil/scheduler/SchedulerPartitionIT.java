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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Only the active scheduler loses PostgreSQL (its own TCP relay is cut for 20 s; the standby's stays up), the worst
 * case for the lease: the server sees the leader's session close at once, as after a kill, while the leader lives and
 * keeps sending from its cache. With {@code quick-takeover} off the standby waits out the leader's outage grace, so
 * no round is sent twice; with it on (the default, for direct connections where this cannot happen) the overlap is
 * measured.
 */
class SchedulerPartitionIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final int MONITORS = 60;
    private static final int INTERVAL_SECONDS = 3;
    private static final Duration GRACE = Duration.ofSeconds(12);
    private static final Duration CUT = Duration.ofSeconds(20);
    private static final String ACTIVE = "active scheduler now";
    private static final String[] LEASE_EVENTS = {"lease", "leader", "active scheduler", "standing by"};
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    private static List<UUID> monitors;

    @BeforeAll
    static void seed() {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        UUID workspace = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'partition')").param(workspace).update();
        monitors = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            UUID id = UUID.randomUUID();
            monitors.add(id);
            jdbc.sql("""
                    INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                          regions)
                    VALUES (?, ?, 'm', 'HTTP', '{"type":"HTTP","url":"http://127.0.0.1:1/"}'::jsonb, ?, 1000,
                            '{local-a}')""").params(id, workspace, INTERVAL_SECONDS).update();
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void withoutQuickTakeoverTheStandbyWaitsOutTheCutOffLeadersGraceAndNoRoundIsSentTwice() throws Exception {
        RoundTally tally = partition(false, 7_363_001L);

        assertThat(tally.duplicated()).as("rounds sent twice").isZero();
        // The standby starts 2 s (the margin) after the leader's grace surely ended: rounds of that margin may be
        // lost, no others.
        assertThat(tally.lost().size()).isLessThanOrEqualTo(MONITORS);
    }

    @Test
    void withQuickTakeoverACutOffLeaderOverlapsItsSuccessorOnlyUntilItsGraceEnds() throws Exception {
        RoundTally tally = partition(true, 7_363_002L);

        assertThat(tally.lost()).as("rounds lost").isEmpty();
        // Both send until the cut-off leader's grace ends: at most one duplicate per monitor and round of the grace.
        assertThat(tally.duplicated()).isLessThanOrEqualTo(MONITORS * (int) (GRACE.toSeconds() / INTERVAL_SECONDS + 1));
    }

    private RoundTally partition(boolean quickTakeover, long lockKey) throws Exception {
        String prefix = "partition-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqsAsyncClient sqs = TestSqs.shared().client();
        Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", prefix);
        properties.put("vigil.regions[0].id", "local-a");
        properties.put("vigil.scheduler.lock-key", Long.toString(lockKey));
        properties.put("vigil.scheduler.outage-grace", GRACE.toSeconds() + "s");
        properties.put("vigil.scheduler.quick-takeover", Boolean.toString(quickTakeover));
        properties.put("server.port", "0");
        TcpProxy.ProxiedUrl toA = TcpProxy.forJdbcUrl(database.jdbcUrl());
        TcpProxy.ProxiedUrl toB = TcpProxy.forJdbcUrl(database.jdbcUrl());
        Map<String, String> aProperties = new LinkedHashMap<>(properties);
        aProperties.put("spring.datasource.url", toA.url());
        Map<String, String> bProperties = new LinkedHashMap<>(properties);
        bProperties.put("spring.datasource.url", toB.url());

        try (TcpProxy proxyA = toA.proxy(); TcpProxy proxyB = toB.proxy();
             SchedulerProcess a = SchedulerProcess.start("a", aProperties, JVM);
             SchedulerProcess b = SchedulerProcess.start("b", bProperties, JVM)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (a.awaitLine(ACTIVE, Duration.ZERO).isEmpty() && b.awaitLine(ACTIVE, Duration.ZERO).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            boolean aLeads = a.awaitLine(ACTIVE, Duration.ZERO).isPresent();
            SchedulerProcess leader = aLeads ? a : b;
            SchedulerProcess standby = aLeads ? b : a;
            TcpProxy leaderLink = aLeads ? proxyA : proxyB;
            Line active = leader.awaitLine(ACTIVE, Duration.ZERO)
                    .orElseThrow(() -> new AssertionError("no leader\n" + a.output() + b.output()));
            assertThat(standby.awaitLine("Started SchedulerApplication", Duration.ofSeconds(90))).isPresent();

            String url = sqs.getQueueUrl(r -> r.queueName(new QueueNames(prefix).checks("local-a",
                    FrequencyBucket.S30))).join().queueUrl();
            List<Received> received;
            Instant cutAt;
            Instant until;
            try (JobStream stream = new JobStream(sqs, url)) {
                Thread.sleep(6_000);
                leaderLink.cut();
                cutAt = Instant.now();
                Thread.sleep(CUT.toMillis());
                leaderLink.restore();
                Thread.sleep(10_000);
                until = Instant.now().minusSeconds(2);
                Thread.sleep(2_000);
                received = stream.received();
            }
            Duration takeover = standby.awaitLine(ACTIVE, Duration.ZERO)
                    .map(l -> Duration.between(cutAt, l.at())).orElse(null);
            RoundTally tally = RoundTally.of(monitors, INTERVAL_SECONDS, "local-a", received,
                    active.at().plusSeconds(2), until);
            System.out.print(a.linesWith(LEASE_EVENTS) + b.linesWith(LEASE_EVENTS));
            System.out.println(tally.figures("leader alone cut off from the database " + CUT.toSeconds()
                    + " s, grace " + GRACE.toSeconds() + " s, quick-takeover " + quickTakeover)
                    + ", standby active " + (takeover == null ? "never" : takeover.toMillis() + " ms")
                    + " after the cut");
            assertThat(takeover).as("the standby takes over").isNotNull();
            return tally;
        }
    }
}
