package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.support.HostileTargets;
import dev.vigil.probe.support.QueueReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * One workspace's 50 pathological monitors (catastrophic patterns against 4 KB bodies, targets that never answer,
 * 200 MB bodies) run beside another workspace's 50 normal ones on one worker, scheduled as the scheduler does (a
 * stable phase per monitor, the jobs due in each 200 ms turn packed into one message, workspaces mixed). The normal
 * monitors' checks must still start within 2 s of their scheduled instant (p99), although the hostile ones alone
 * would ask for more check slots than the worker has: the per-workspace cap keeps them to their share.
 *
 * <p>About 45 s of schedule and 20 s of drain; the worker is given 32 slots, 8 per workspace.
 */
@SpringBootTest(properties = {"spring.config.name=" + ProbeApplication.CONFIG_NAMES, "server.port=0",
        "vigil.probe.region=local-a", "vigil.probe.allow-private-targets=true", "vigil.probe.max-in-flight=32",
        "vigil.probe.max-in-flight-per-workspace=8", "vigil.probe.watchdog-grace=2s"})
class NoisyNeighbourIT {

    private static final int MONITORS_EACH = 50;
    private static final int INTERVAL_SECONDS = 10;
    private static final Duration SCHEDULE = Duration.ofSeconds(45);
    private static final Duration TURN = Duration.ofMillis(200);
    private static final String EVIL = "(.*a){12}";

    private static HostileTargets healthy;
    private static HostileTargets json;
    private static HostileTargets silent;
    private static HostileTargets huge;

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    QueueDirectory queues;
    @Autowired
    SqsAsyncClient sqs;

    @DynamicPropertySource
    static void sqs(DynamicPropertyRegistry registry) {
        TestSqs.shared().registerIn(registry, "n" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @BeforeAll
    static void targets() throws Exception {
        healthy = HostileTargets.serving("text/plain", "all good".getBytes(StandardCharsets.UTF_8));
        json = HostileTargets.serving("application/json",
                ("[{\"v\":\"" + "a".repeat(4096) + "b\"}]").getBytes(StandardCharsets.UTF_8));
        silent = HostileTargets.silent();
        huge = HostileTargets.huge(200L * 1024 * 1024);
    }

    @AfterAll
    static void closeTargets() throws Exception {
        for (AutoCloseable target : List.of(healthy, json, silent, huge)) {
            target.close();
        }
    }

    private record Monitor(UUID id, UUID workspace, CheckSpec check, int timeoutMs, long phaseMs) {
    }

    private static List<Monitor> monitors(UUID noisy, UUID quiet) {
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < MONITORS_EACH; i++) {
            long phase = (long) (i * (INTERVAL_SECONDS * 1000.0 / MONITORS_EACH));
            CheckSpec hostile = switch (i % 3) {
                case 0 -> new HttpCheck(json.url(), "GET", Map.of(), null, false, List.of(
                        new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /" + EVIL + "/)]", Comparison.CONTAINS,
                                "a"),
                        Assertion.of(AssertionSource.BODY, Comparison.MATCHES, EVIL + "\"")));
                case 1 -> HttpCheck.get(silent.url());
                default -> new HttpCheck(huge.url(), "GET", Map.of(), null, false,
                        List.of(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, EVIL + "!")));
            };
            // Hostile monitors ask for the longest timeout; their phases interleave with the normal ones'.
            monitors.add(new Monitor(UUID.randomUUID(), noisy, hostile, 8000, phase));
            monitors.add(new Monitor(UUID.randomUUID(), quiet, new HttpCheck(healthy.url(), "GET", Map.of(), null,
                    false, List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"))), 5000,
                    phase + 37));
        }
        return monitors;
    }

    @Test
    void normalChecksStartOnTimeBesideAWorkspaceOfPathologicalOnes() throws Exception {
        UUID noisy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        List<Monitor> monitors = monitors(noisy, quiet);
        Map<UUID, CheckResult> results = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            QueueReader queue = new QueueReader(sqs);
            String url = queues.urlOf(names.results());
            while (!Thread.currentThread().isInterrupted()) {
                queue.read(url, CheckResult.class, 1000, Duration.ofSeconds(1))
                        .forEach(r -> results.putIfAbsent(r.jobId(), r));
            }
        });

        // 1. Schedule as the scheduler does: every turn, the jobs due in it, shuffled, packed into one message.
        Instant start = Instant.now().plusSeconds(1);
        long epoch = start.toEpochMilli();
        List<CheckJob> quietJobs = new ArrayList<>();
        int sent = 0;
        for (long turn = 0; turn < SCHEDULE.toMillis(); turn += TURN.toMillis()) {
            List<CheckJob> due = new ArrayList<>();
            for (Monitor monitor : monitors) {
                for (long at = monitor.phaseMs(); at < SCHEDULE.toMillis(); at += INTERVAL_SECONDS * 1000L) {
                    if (at >= turn && at < turn + TURN.toMillis()) {
                        CheckJob job = CheckJob.scheduled(monitor.id(), monitor.workspace(),
                                Instant.ofEpochMilli(epoch + at), "local-a", monitor.check(), monitor.timeoutMs(),
                                null, INTERVAL_SECONDS, List.of("local-a"), 0, Instant.now());
                        due.add(job);
                        if (monitor.workspace().equals(quiet)) {
                            quietJobs.add(job);
                        }
                    }
                }
            }
            long wait = epoch + turn - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            if (!due.isEmpty()) {
                Collections.shuffle(due);
                for (int from = 0; from < due.size(); from += 25) {
                    publisher.publish(names.checks("local-a", FrequencyBucket.S30),
                            due.subList(from, Math.min(due.size(), from + 25))).join();
                }
                sent += due.size();
            }
        }

        // 2. Let the last rounds finish (a hostile check may take two attempts of 8 s plus the watchdog's grace).
        long drainUntil = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (System.nanoTime() < drainUntil
                && quietJobs.stream().anyMatch(job -> !results.containsKey(job.jobId()))) {
            Thread.sleep(200);
        }
        reader.interrupt();
        reader.join(Duration.ofSeconds(5));

        // 3. How late each normal check started, against its scheduled instant.
        List<Long> delays = new ArrayList<>();
        int quietOk = 0;
        for (CheckJob job : quietJobs) {
            CheckResult result = results.get(job.jobId());
            if (result != null) {
                delays.add(Duration.between(job.scheduledAt(), result.startedAt()).toMillis());
                quietOk += result.ok() ? 1 : 0;
            }
        }
        Collections.sort(delays);
        long noisyResults = results.values().stream().filter(r -> noisy.equals(r.workspaceId())).count();
        long noisyFailed = results.values().stream().filter(r -> noisy.equals(r.workspaceId()) && !r.ok()).count();
        System.out.printf("noisy neighbour: %d jobs sent; normal workspace: %d of %d checks answered, %d ok, start "
                        + "delay p50 %d ms, p99 %d ms, max %d ms; hostile workspace: %d results, %d failed%n", sent,
                delays.size(), quietJobs.size(), quietOk, percentile(delays, 50), percentile(delays, 99),
                delays.isEmpty() ? -1 : delays.getLast(), noisyResults, noisyFailed);

        assertThat(delays).hasSameSizeAs(quietJobs);
        assertThat(quietOk).isEqualTo(quietJobs.size());
        assertThat(percentile(delays, 99)).isLessThanOrEqualTo(2000);
        assertThat(noisyFailed).isPositive();
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
