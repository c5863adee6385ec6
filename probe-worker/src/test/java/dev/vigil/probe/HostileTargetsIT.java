package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.AttackTally;
import dev.vigil.common.testing.TestDnsServer;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.support.QueueReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Hostile tenants against running probe workers (ElasticMQ, a DNS server and HTTP servers on loopback): checks that
 * try to reach inside the network are refused before any packet reaches the inside. Two workers run: a SaaS one
 * (region local-a; the "public internet" is 127.0.0.2, let through by an allowed range, and 127.0.0.1 is the
 * internal network) and a self-hosted one with private targets allowed (local-b), where cloud metadata must still
 * be refused. Both resolve target names through the test DNS server, which answers a public and a private address
 * for one name and re-points another once it has been vetted. Prints the count of attacks tried and refused.
 */
class HostileTargetsIT {

    private static final AttackTally TALLY = new AttackTally("probe workers");

    private static TestDnsServer dns;
    private static HttpServer internal;
    private static HttpServer outside;
    private static final List<String> internalHits = new CopyOnWriteArrayList<>();
    private static final List<String> outsideHits = new CopyOnWriteArrayList<>();
    private static ConfigurableApplicationContext saas;
    private static ConfigurableApplicationContext selfHosted;

    @BeforeAll
    static void start() throws IOException {
        internal = server("127.0.0.1", internalHits);
        outside = server("127.0.0.2", outsideHits);
        dns = TestDnsServer.start()
                .add("mixed.vigil.test.", Type.A, "127.0.0.2")
                .add("mixed.vigil.test.", Type.A, "10.20.30.40")
                .add("internal.vigil.test.", Type.A, "127.0.0.1")
                .add("metadata.vigil.test.", Type.A, "169.254.169.254")
                .add("metadata6.vigil.test.", Type.AAAA, "fd00:ec2::254")
                .add("rebind.vigil.test.", Type.A, "127.0.0.2")
                .rePointAfterNextAnswer("rebind.vigil.test.", Type.A, "127.0.0.1");
        String prefix = "hostile" + UUID.randomUUID().toString().substring(0, 6) + "-";
        saas = worker(prefix, "local-a", false);
        selfHosted = worker(prefix, "local-b", true);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (saas != null) {
            saas.close();
        }
        if (selfHosted != null) {
            selfHosted.close();
        }
        internal.stop(0);
        outside.stop(0);
        dns.close();
        TALLY.printSummary();
        assertThat(TALLY.refused()).isEqualTo(TALLY.tried());
    }

    private static ConfigurableApplicationContext worker(String prefix, String region, boolean allowPrivate) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        // Two workers run at once: each gets its own actuator port rather than the configured 9083.
        properties.put("management.server.port", 0);
        properties.put("spring.main.register-shutdown-hook", false);
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint());
        properties.put("vigil.sqs.queue-prefix", prefix);
        properties.put("vigil.sqs.wait-time", "1s");
        properties.put("vigil.probe.region", region);
        properties.put("vigil.probe.retry-delay", "50ms");
        properties.put("vigil.probe.allow-private-targets", allowPrivate);
        if (!allowPrivate) {
            properties.put("vigil.probe.allowed-target-ranges", "127.0.0.2/32");
        }
        properties.put("vigil.probe.dns.name-servers", "127.0.0.1:" + dns.socketAddress().getPort());
        properties.put("vigil.probe.dns.timeout", "2s");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return ProbeApplication.application().run(args);
    }

    /** Answers 200, or a 302 to the URL in {@code ?to=}. */
    private static HttpServer server(String address, List<String> hits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("to=")) {
                exchange.getResponseHeaders().add("Location", query.substring(3));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Runs the checks on a worker, as a tenant's monitors would, and answers their results by check. */
    private static Map<CheckSpec, CheckResult> run(ConfigurableApplicationContext worker, List<CheckSpec> checks) {
        String region = worker.getEnvironment().getProperty("vigil.probe.region");
        QueueNames names = worker.getBean(QueueNames.class);
        MessagePublisher publisher = worker.getBean(MessagePublisher.class);
        Map<UUID, CheckSpec> byJob = new HashMap<>();
        List<CheckJob> jobs = new ArrayList<>();
        for (CheckSpec check : checks) {
            CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), region, check,
                    3000, null, 60, List.of(region), 0, Instant.now());
            byJob.put(job.jobId(), check);
            jobs.add(job);
        }
        publisher.publishAll(names.checks(region, FrequencyBucket.M1), jobs).join();
        List<CheckResult> results = new QueueReader(worker.getBean(SqsAsyncClient.class))
                .read(worker.getBean(QueueDirectory.class).urlOf(names.results()), CheckResult.class, jobs.size(),
                        Duration.ofSeconds(30));
        Map<CheckSpec, CheckResult> byCheck = new HashMap<>();
        results.stream().filter(r -> byJob.containsKey(r.jobId())).forEach(r -> byCheck.put(byJob.get(r.jobId()), r));
        assertThat(byCheck).as("a result for every check").hasSize(checks.size());
        return byCheck;
    }

    private static boolean refused(CheckResult result) {
        return !result.ok() && result.error() == ErrorKind.BLOCKED;
    }

    @Test
    void saasChecksCannotReachInside() {
        int internalPort = internal.getAddress().getPort();
        String outsideUrl = "http://127.0.0.2:" + outside.getAddress().getPort();
        Map<String, CheckSpec> attacks = new LinkedHashMap<>();
        attacks.put("HTTP check of a name answering a public and a private address",
                HttpCheck.get("http://mixed.vigil.test:" + outside.getAddress().getPort() + "/"));
        attacks.put("TCP check of a name answering a public and a private address",
                new TcpCheck("mixed.vigil.test", outside.getAddress().getPort()));
        attacks.put("HTTP check redirected to 127.0.0.1",
                HttpCheck.get(outsideUrl + "/?to=http://127.0.0.1:" + internalPort + "/admin"));
        attacks.put("HTTP check redirected to an internal name",
                HttpCheck.get(outsideUrl + "/?to=http://internal.vigil.test:" + internalPort + "/admin"));
        attacks.put("HTTP check redirected to cloud metadata",
                HttpCheck.get(outsideUrl + "/?to=http://169.254.169.254/latest/meta-data/"));
        attacks.put("DNS check sent to an internal resolver",
                new DnsCheck("mixed.vigil.test", "A", "127.0.0.1:" + dns.socketAddress().getPort(), List.of()));
        attacks.put("HTTP check of cloud metadata by address",
                HttpCheck.get("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        HttpCheck rebinding = HttpCheck.get("http://rebind.vigil.test:" + outside.getAddress().getPort() + "/pinned");

        List<CheckSpec> checks = new ArrayList<>(attacks.values());
        checks.add(rebinding);
        Map<CheckSpec, CheckResult> results = run(saas, checks);

        attacks.forEach((attack, check) -> assertThat(TALLY.record(attack, refused(results.get(check))))
                .as(attack + ": " + results.get(check).message()).isTrue());
        assertThat(internalHits).noneMatch(hit -> hit.startsWith("/admin"));
        // Rebinding: the name is vetted as 127.0.0.2 and re-pointed to 127.0.0.1 right after; the connection stays
        // on the vetted address (the HTTP library never resolves again), so the check passes against the outside.
        CheckResult pinned = results.get(rebinding);
        assertThat(pinned.ok()).as(pinned.message()).isTrue();
        assertThat(outsideHits).contains("/pinned");
        assertThat(TALLY.record("DNS rebinding between vetting and connecting", !internalHits.contains("/pinned")))
                .isTrue();
        assertThat(dns.queries("rebind.vigil.test")).as("one A and one AAAA lookup, by the guard").isEqualTo(2);
    }

    @Test
    void selfHostedChecksReachPrivateTargetsButNeverCloudMetadata() {
        int internalPort = internal.getAddress().getPort();
        Map<String, CheckSpec> attacks = new LinkedHashMap<>();
        attacks.put("HTTP check of a name pointing at cloud metadata, private targets allowed",
                HttpCheck.get("http://metadata.vigil.test/latest/meta-data/"));
        attacks.put("HTTP check of IPv6 cloud metadata by name, private targets allowed",
                HttpCheck.get("http://metadata6.vigil.test/latest/meta-data/"));
        attacks.put("HTTP check of cloud metadata by address, private targets allowed",
                HttpCheck.get("http://169.254.169.254/latest/meta-data/"));
        attacks.put("HTTP check redirected to cloud metadata, private targets allowed",
                HttpCheck.get("http://127.0.0.1:" + internalPort + "/?to=http://169.254.169.254/latest/meta-data/"));
        attacks.put("TCP check of the ECS task metadata endpoint, private targets allowed",
                new TcpCheck("169.254.170.2", 80));
        HttpCheck privateTarget = HttpCheck.get("http://internal.vigil.test:" + internalPort + "/self-hosted");

        List<CheckSpec> checks = new ArrayList<>(attacks.values());
        checks.add(privateTarget);
        Map<CheckSpec, CheckResult> results = run(selfHosted, checks);

        attacks.forEach((attack, check) -> assertThat(TALLY.record(attack, refused(results.get(check))))
                .as(attack + ": " + results.get(check).message()).isTrue());
        assertThat(results.get(privateTarget).ok()).as("private targets stay reachable when allowed").isTrue();
    }
}
