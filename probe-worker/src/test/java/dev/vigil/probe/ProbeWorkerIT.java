package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.support.QueueReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The worker as deployed, against ElasticMQ: jobs in, results and confirmations out, stale jobs dropped, heartbeats
 * announcing the region and its plugins.
 */
@SpringBootTest(properties = {"spring.config.name=" + ProbeApplication.CONFIG_NAMES, "server.port=0",
        "vigil.probe.region=local-a", "vigil.probe.allow-private-targets=true", "vigil.probe.retry-delay=100ms",
        "vigil.probe.heartbeat-interval=1s"})
class ProbeWorkerIT {

    private static ServerSocket open;
    private static int closedPort;

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    QueueDirectory queues;
    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void sqs(DynamicPropertyRegistry registry) {
        TestSqs.shared().registerIn(registry, "p" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @BeforeAll
    static void targets() throws IOException {
        open = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
    }

    @AfterAll
    static void closeTargets() throws IOException {
        open.close();
    }

    /** The other regions' queues, as the scheduler provisions them in a deployment. */
    @BeforeEach
    void otherRegionsQueues() {
        for (String region : List.of("local-b", "local-c")) {
            queues.provision(QueueTopology.regionQueues(names, region));
        }
    }

    private CheckJob job(TcpCheck check, List<String> regions, Instant scheduledAt) {
        return CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), scheduledAt, "local-a", check, 1000, null, 60,
                regions, 1, Instant.now());
    }

    private void send(CheckJob job) {
        publisher.publish(names.checks("local-a", FrequencyBucket.M1), job).join();
    }

    private List<CheckResult> results(int expected) {
        return results(expected, Duration.ofSeconds(20));
    }

    private List<CheckResult> results(int expected, Duration within) {
        return new QueueReader(sqs).read(queues.urlOf(names.results()), CheckResult.class, expected, within);
    }

    @Test
    void aJobIsCheckedAndItsResultPublished() {
        CheckJob job = job(new TcpCheck("127.0.0.1", open.getLocalPort()), List.of("local-a"), Instant.now());

        send(job);

        List<CheckResult> results = results(1);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.jobId()).isEqualTo(job.jobId());
            assertThat(r.ok()).isTrue();
            assertThat(r.region()).isEqualTo("local-a");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.timings().connectMs()).isNotNull();
        });
    }

    @Test
    void aFailureIsRetriedOnceAndLeavesAskingForConfirmationsToTheAlertingService() {
        CheckJob job = job(new TcpCheck("127.0.0.1", closedPort), List.of("local-a", "local-b", "local-c"),
                Instant.now());

        send(job);

        assertThat(results(1)).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.error()).isEqualTo(ErrorKind.CONNECTION);
        });
        // The alerting service sees every region's result of the round and asks once per round; probes no longer ask
        // (three failing regions used to send six confirmation jobs for one round).
        for (String other : List.of("local-b", "local-c")) {
            assertThat(new QueueReader(sqs).read(queues.urlOf(names.confirm(other)), CheckJob.class, 1,
                    Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void aFailedConfirmationAsksNoFurtherConfirmations() {
        CheckJob scheduled = job(new TcpCheck("127.0.0.1", closedPort), List.of("local-a", "local-b"),
                Instant.now());
        CheckJob confirm = scheduled.confirmationIn("local-a", Instant.now());

        publisher.publish(names.confirm("local-a"), confirm).join();

        assertThat(results(1)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(JobKind.CONFIRM);
            assertThat(r.ok()).isFalse();
        });
        assertThat(new QueueReader(sqs).read(queues.urlOf(names.confirm("local-b")), CheckJob.class, 1,
                Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void aConfirmationAskedForTwiceIsCheckedOnce() {
        CheckJob scheduled = job(new TcpCheck("127.0.0.1", open.getLocalPort()), List.of("local-a", "local-b"),
                Instant.now());
        // local-b and local-c both failed and both ask local-a: the same confirmation job, twice.
        CheckJob confirm = scheduled.confirmationIn("local-a", Instant.now());
        publisher.publish(names.confirm("local-a"), confirm).join();
        assertThat(results(1)).singleElement().satisfies(r -> assertThat(r.jobId()).isEqualTo(confirm.jobId()));

        publisher.publish(names.confirm("local-a"), confirm).join();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> meters.counter("vigil.probe.confirmations.duplicate").count() >= 1);
        assertThat(results(1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aStaleJobIsDroppedCountedAndReportedForItsMonitor() {
        double before = meters.counter("vigil.probe.jobs.stale").count();
        CheckJob stale = job(new TcpCheck("127.0.0.1", open.getLocalPort()), List.of("local-a"),
                Instant.now().minus(Duration.ofMinutes(3)));

        send(stale);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> meters.counter("vigil.probe.jobs.stale").count() == before + 1);
        assertThat(results(1, Duration.ofSeconds(2))).isEmpty();
        // Reported within one report period (10 s) on the results queue, where the alerting service reads it.
        List<ChecksSkipped> reports = new QueueReader(sqs).read(queues.urlOf(names.results()), ChecksSkipped.class,
                1, Duration.ofSeconds(25));
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.region()).isEqualTo("local-a");
            assertThat(report.runs()).singleElement().isEqualTo(new ChecksSkipped.Run(stale.monitorId(),
                    stale.workspaceId(), stale.scheduledAt(), stale.scheduledAt(), 1, 60));
        });
    }

    @Test
    void aTargetThePolicyRefusesIsCountedAsAnSsrfRefusal() {
        // Multicast is refused even where private targets are allowed, and no packet is sent to find that out.
        CheckJob job = job(new TcpCheck("224.0.0.1", 80), List.of("local-a"), Instant.now());

        send(job);

        assertThat(results(1)).singleElement().satisfies(r -> assertThat(r.error()).isEqualTo(ErrorKind.BLOCKED));
        assertThat(meters.counter("vigil.probe.ssrf.refusals", "type", "TCP").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aPluginJobRunsADebianPlugin() {
        // A warning threshold of 1 µs: any real connection is slower, so the plugin reports WARNING (up, degraded).
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a",
                new PluginCheck("check_tcp", List.of("-H", "127.0.0.1", "-p", Integer.toString(open.getLocalPort()),
                        "-w", "0.000001", "-c", "10")), 5000, null, 60, List.of("local-a"), 0, Instant.now());

        send(job);

        assertThat(results(1)).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.degraded()).isTrue();
            assertThat(r.message()).startsWith("TCP WARNING");
        });
    }

    @Test
    void heartbeatsAnnounceTheRegionItsCheckTypesAndPlugins() {
        List<ProbeHeartbeat> beats = new QueueReader(sqs).read(queues.urlOf(names.probeHeartbeats()),
                ProbeHeartbeat.class, 1, Duration.ofSeconds(10));

        assertThat(beats).isNotEmpty();
        ProbeHeartbeat beat = beats.getFirst();
        assertThat(beat.region()).isEqualTo("local-a");
        assertThat(beat.stopping()).isFalse();
        assertThat(beat.monitorTypes()).contains(MonitorType.HTTP, MonitorType.TCP, MonitorType.DNS, MonitorType.TLS,
                MonitorType.PLUGIN);
        // BROWSER exactly where Debian's Chromium and chromedriver are installed (as in the probe image).
        boolean browser = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"))
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromedriver"));
        assertThat(beat.monitorTypes().contains(MonitorType.BROWSER)).isEqualTo(browser);
        // The plugins of the plugin list that are installed, and no others.
        assertThat(beat.plugins()).extracting(ProbeHeartbeat.OfferedPlugin::name).contains("check_tcp", "check_http")
                .doesNotContain("check_dummy", "check_log", "negate");
        assertThat(beat.maxInFlight()).isEqualTo(64);
    }

    @Test
    void checksAreMetered() {
        send(job(new TcpCheck("127.0.0.1", open.getLocalPort()), List.of("local-a"), Instant.now()));
        results(1);

        assertThat(meters.find("vigil.probe.checks").tags("type", "TCP", "result", "up").counter()).isNotNull();
        assertThat(meters.find("vigil.probe.check.duration").tags("type", "TCP").timer()).isNotNull();
        assertThat(meters.find("vigil.probe.queue.wait").timer().count()).isPositive();
        assertThat(meters.find("vigil.probe.checks.in.flight").gauge()).isNotNull();
    }
}
