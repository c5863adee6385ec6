package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestDnsServer;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.support.HostileTargets;
import dev.vigil.probe.support.QueueReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Checks that attack the probe (issue 14), each performed against the running worker through its queue: real
 * loopback targets (catastrophic patterns against the target's own body, headers and DNS answers, a target that never
 * answers, one that trickles, a huge body, a JSON bomb), real Nagios plugins with arguments that read files or
 * follow redirects, and a plugin that never exits. Each attack must be refused or cut short with a clear result, and
 * a normal check sent with them must still be answered promptly. Prints how many attacks were tried and refused.
 */
@SpringBootTest(properties = {"spring.config.name=" + ProbeApplication.CONFIG_NAMES, "server.port=0",
        "vigil.probe.region=local-a", "vigil.probe.allow-private-targets=true", "vigil.probe.retry-delay=100ms",
        "vigil.probe.watchdog-grace=1s", "vigil.plugins.nagios[check_stuck]=-t integer"})
class HostileChecksIT {

    private static final int TIMEOUT_MS = 2000;
    /** Both attempts (a failure is retried once) of a check cut off at its timeout plus the watchdog's grace. */
    private static final Duration WORST_CASE = Duration.ofMillis(2L * (TIMEOUT_MS + 1000) + 100 + 2000);
    private static final String EVIL = "(.*a){12}";

    private static HostileTargets json;
    private static HostileTargets longHeader;
    private static HostileTargets silent;
    private static HostileTargets trickle;
    private static HostileTargets huge;
    private static HostileTargets bomb;
    private static TestDnsServer dns;
    private static ServerSocket healthy;
    private static Path ownPlugins;

    @Autowired
    MessagePublisher publisher;
    @Autowired
    QueueNames names;
    @Autowired
    QueueDirectory queues;
    @Autowired
    SqsAsyncClient sqs;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestSqs.shared().registerIn(registry, "h" + UUID.randomUUID().toString().substring(0, 8) + "-");
        ownPlugins = Files.createTempDirectory("vigil-hostile-plugins");
        Files.setPosixFilePermissions(ownPlugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stuck = ownPlugins.resolve("check_stuck");
        // Ignores SIGTERM and never exits: only killing its process tree stops it.
        Files.writeString(stuck, "#!/bin/sh\ntrap '' TERM INT HUP\nwhile :; do sleep 1; done\n");
        Files.setPosixFilePermissions(stuck, PosixFilePermissions.fromString("rwxr-xr-x"));
        registry.add("vigil.probe.plugin-dirs", () -> "/usr/lib/nagios/plugins," + ownPlugins);
    }

    @BeforeAll
    static void targets() throws IOException {
        String aaab = "a".repeat(4096) + "b";
        json = HostileTargets.serving("application/json",
                ("[{\"v\":\"" + aaab + "\"}]").getBytes(StandardCharsets.UTF_8));
        longHeader = HostileTargets.serving("text/" + "a".repeat(3000) + "b", "ok".getBytes(StandardCharsets.UTF_8));
        silent = HostileTargets.silent();
        trickle = HostileTargets.trickling(100);
        huge = HostileTargets.huge(200L * 1024 * 1024);
        bomb = HostileTargets.serving("application/json",
                ("[".repeat(200_000) + "]".repeat(200_000)).getBytes(StandardCharsets.UTF_8));
        dns = TestDnsServer.start().add("evil.vigil.test.", Type.TXT, "\"" + "a".repeat(240) + "b\"");
        healthy = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void closeTargets() throws Exception {
        for (AutoCloseable target : List.of(json, longHeader, silent, trickle, huge, bomb, dns, healthy)) {
            target.close();
        }
    }

    /** One attack: the check a hostile tenant configures, and what a refused (or defused) result looks like. */
    private record Attack(String name, CheckSpec check, Predicate<CheckResult> refused) {
    }

    private static Predicate<CheckResult> failedWith(ErrorKind error, String message) {
        return r -> !r.ok() && r.error() == error && r.message() != null && r.message().contains(message);
    }

    private static Predicate<CheckResult> assertionSays(String message) {
        return r -> !r.ok() && r.assertions().stream().map(AssertionOutcome::message)
                .anyMatch(m -> m != null && m.contains(message));
    }

    private static HttpCheck http(String url, Assertion... assertions) {
        return new HttpCheck(url, "GET", Map.of(), null, false, List.of(assertions));
    }

    private static List<Attack> attacks() {
        return List.of(
                new Attack("JSON path =~ filter, catastrophic pattern on a 4 KB value",
                        http(json.url(), new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /" + EVIL + "/)]",
                                Comparison.CONTAINS, "a")),
                        assertionSays("regex exceeded its time budget")),
                new Attack("body MATCHES, catastrophic pattern",
                        http(json.url(), Assertion.of(AssertionSource.BODY, Comparison.MATCHES, EVIL + "\"")),
                        assertionSays("regex exceeded its time budget")),
                new Attack("header MATCHES, catastrophic pattern on a 3 KB header",
                        http(longHeader.url(), new Assertion(AssertionSource.HEADER, "content-type",
                                Comparison.MATCHES, "^" + EVIL + "$")),
                        assertionSays("regex exceeded its time budget")),
                new Attack("DNS answer MATCHES, catastrophic pattern on a TXT record",
                        new DnsCheck("evil.vigil.test", "TXT", dns.address(),
                                List.of(Assertion.of(AssertionSource.DNS_ANSWER, Comparison.MATCHES, "^" + EVIL + "$"))),
                        assertionSays("regex exceeded its time budget")),
                new Attack("JSON bomb (200,000 levels of nesting)",
                        http(bomb.url(), new Assertion(AssertionSource.JSON_PATH, "$[0]", Comparison.EQUALS, "x")),
                        assertionSays("nested deeper than")),
                new Attack("target that accepts and never answers", http(silent.url()),
                        failedWith(ErrorKind.TIMEOUT, "")),
                new Attack("target that trickles its body a byte at a time", http(trickle.url()),
                        failedWith(ErrorKind.TIMEOUT, "")),
                new Attack("huge body (200 MB) searched for a word it lacks",
                        http(huge.url(), Assertion.of(AssertionSource.BODY, Comparison.CONTAINS, "needle")),
                        assertionSays("only the first part of the body was read")),
                new Attack("check_log -F /etc/passwd (reads worker files)",
                        new PluginCheck("check_log", List.of("-F", "/etc/passwd", "-O", "/tmp/vigil-old", "-q",
                                "root")),
                        failedWith(ErrorKind.BLOCKED, "check_log is not on this service's plugin list")),
                new Attack("check_http -f follow (follows redirects inside)",
                        new PluginCheck("check_http", List.of("-H", "127.0.0.1", "-p",
                                Integer.toString(healthy.getLocalPort()), "-f", "follow")),
                        failedWith(ErrorKind.BLOCKED, "-f accepts only ok, warning, critical")),
                new Attack("check_http -J/-K (reads certificate and key files)",
                        new PluginCheck("check_http", List.of("-H", "127.0.0.1", "-S", "-J", "/etc/ssl/private/a.pem",
                                "-K", "/etc/ssl/private/a.key")),
                        failedWith(ErrorKind.BLOCKED, "option -J is not accepted by check_http")),
                new Attack("check_tcp --extra-opts=@/etc/passwd (reads an ini file)",
                        new PluginCheck("check_tcp", List.of("--extra-opts=@/etc/passwd")),
                        failedWith(ErrorKind.BLOCKED, "option --extra-opts is not accepted")),
                new Attack("check_tcp -H /run/... (connects to a unix socket on the worker)",
                        new PluginCheck("check_tcp", List.of("-H", "/run/systemd/private")),
                        failedWith(ErrorKind.BLOCKED, "-H takes a host name or IP address")),
                new Attack("negate (runs another command)",
                        new PluginCheck("negate", List.of("/bin/cat", "/etc/shadow")),
                        failedWith(ErrorKind.BLOCKED, "negate is not on this service's plugin list")),
                new Attack("check_by_ssh (runs commands with the worker's keys)",
                        new PluginCheck("check_by_ssh", List.of("-H", "127.0.0.1", "-C", "id")),
                        failedWith(ErrorKind.BLOCKED, "check_by_ssh is not on this service's plugin list")),
                new Attack("a listed plugin that ignores SIGTERM and never exits",
                        new PluginCheck("check_stuck", List.of("-t", "1")),
                        failedWith(ErrorKind.TIMEOUT, "")));
    }

    @Test
    void everyAttackIsRefusedOrCutShortAndANormalCheckStillRunsBesideThem() {
        List<Attack> attacks = attacks();
        Map<UUID, Attack> byJob = new HashMap<>();
        List<CheckJob> jobs = new ArrayList<>();
        Instant now = Instant.now();
        for (Attack attack : attacks) {
            CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), now, "local-a", attack.check(),
                    TIMEOUT_MS, null, 60, List.of("local-a"), 0, now);
            byJob.put(job.jobId(), attack);
            jobs.add(job);
        }
        CheckJob normal = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), now, "local-a",
                new TcpCheck("127.0.0.1", healthy.getLocalPort()), TIMEOUT_MS, null, 60, List.of("local-a"), 0, now);
        long start = System.nanoTime();
        for (CheckJob job : jobs) {
            publisher.publish(names.checks("local-a", FrequencyBucket.M1), job).join();
        }
        publisher.publish(names.checks("local-a", FrequencyBucket.M1), normal).join();

        List<CheckResult> results = new QueueReader(sqs).read(queues.urlOf(names.results()), CheckResult.class,
                jobs.size() + 1, WORST_CASE.plusSeconds(20));
        Duration allIn = Duration.ofNanos(System.nanoTime() - start);

        Map<UUID, CheckResult> byResult = results.stream()
                .collect(Collectors.toMap(CheckResult::jobId, r -> r, (a, b) -> a));
        List<String> notRefused = new ArrayList<>();
        int refused = 0;
        for (CheckJob job : jobs) {
            Attack attack = byJob.get(job.jobId());
            CheckResult result = byResult.get(job.jobId());
            boolean ok = result != null && attack.refused().test(result);
            System.out.printf("hostile check %-62s %s%n", attack.name(), ok ? "REFUSED: " + describe(result)
                    : "NOT REFUSED: " + (result == null ? "no result" : describe(result)));
            if (ok) {
                refused++;
            } else {
                notRefused.add(attack.name());
            }
        }
        CheckResult normalResult = byResult.get(normal.jobId());
        System.out.printf("hostile checks: %d attacks tried, %d refused; all results in %d ms; the normal check "
                        + "beside them took %s ms%n", jobs.size(), refused, allIn.toMillis(),
                normalResult == null ? "-" : normalResult.latencyMs());

        assertThat(notRefused).as("attacks not refused").isEmpty();
        assertThat(normalResult).isNotNull();
        assertThat(normalResult.ok()).isTrue();
        assertThat(normalResult.latencyMs()).isLessThan(1000);
        assertThat(allIn).isLessThan(WORST_CASE.plusSeconds(10));
        // The stuck plugin's process tree was killed, not left behind.
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("check_stuck"))
                .count()).isZero();
    }

    private static String describe(CheckResult result) {
        String assertion = result.assertions().stream().map(AssertionOutcome::message)
                .filter(m -> m != null).findFirst().orElse(null);
        String text = result.error() + " " + (assertion != null ? assertion : result.message()) + " ("
                + result.latencyMs() + " ms)";
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
