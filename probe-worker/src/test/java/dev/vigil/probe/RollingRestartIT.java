package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsClients;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.common.sqs.embedded.EmbeddedSqsServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A rolling restart and a crash with real processes: three probe workers run as child JVMs against an ElasticMQ this
 * test owns, jobs flow, then one worker gets SIGTERM (it drains and exits 0) and another is killed outright (kill
 * -9: its jobs reappear after the visibility timeout, shortened here to 5 s). Every job must end with a result; a
 * job may have more than one result only as a redelivery of the same job id, which the alerting service stores once.
 */
class RollingRestartIT {

    private static final int JOBS = 90;
    private static final Duration VISIBILITY = Duration.ofSeconds(5);
    private static final Path LOGS = Path.of("target", "rolling-restart");

    private EmbeddedSqsServer server;
    private SqsAsyncClient sqs;
    private QueueDirectory queues;
    private QueueNames names;
    private HttpServer target;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedSqsServer.start(0);
        SqsProperties properties = new SqsProperties(server.endpoint(), "us-east-1", null, null, "rr-", true,
                Duration.ofSeconds(1), 20);
        sqs = SqsClients.create(properties);
        queues = new QueueDirectory(sqs);
        names = new QueueNames("rr-");
        // As the scheduler provisions them, but with a short visibility so a killed worker's jobs come back soon.
        for (QueueSpec spec : QueueTopology.regionQueues(names, "local-a")) {
            queues.provision(new QueueSpec(spec.name(), VISIBILITY, spec.retention(), spec.maxReceives()));
        }
        queues.provision(QueueTopology.results(names));
        queues.provision(QueueTopology.probeHeartbeats(names));
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            hits.incrementAndGet();
            sleep(700);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        Files.createDirectories(LOGS);
    }

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
        target.stop(0);
        sqs.close();
        server.close();
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyJobGetsItsResultThroughASigtermAndAKill() throws Exception {
        for (int i = 0; i < 3; i++) {
            workers.add(launch("worker-" + i));
        }
        awaitHeartbeats(Set.of("worker-0", "worker-1", "worker-2"), Duration.ofSeconds(90));

        Set<UUID> sent = sendJobs();
        Map<UUID, Integer> resultsPerJob = new HashMap<>();
        List<CheckResult> all = new ArrayList<>();
        boolean disrupted = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (resultsPerJob.size() < JOBS && System.nanoTime() < deadline) {
            for (CheckResult result : receive(names.results(), CheckResult.class)) {
                all.add(result);
                resultsPerJob.merge(result.jobId(), 1, Integer::sum);
            }
            if (!disrupted && resultsPerJob.size() >= 15) {
                workers.get(0).destroy();          // SIGTERM: drain and exit 0
                workers.get(1).destroyForcibly();  // SIGKILL: in-flight jobs reappear after the visibility timeout
                disrupted = true;
            }
        }

        assertThat(disrupted).as("the workers were disrupted while jobs were flowing").isTrue();
        assertThat(resultsPerJob.keySet()).as("every job has a result").isEqualTo(sent);
        assertThat(all).allSatisfy(r -> assertThat(r.ok()).as(r.message()).isTrue());
        // Duplicates are redeliveries of the same job (same id), stored once by the alerting service.
        assertThat(all.stream().map(CheckResult::jobId).toList()).allMatch(sent::contains);
        Process terminated = workers.get(0);
        assertThat(terminated.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(terminated.exitValue()).as("exit status after SIGTERM").isZero();
        String drained = Files.readString(LOGS.resolve("worker-0.log"));
        assertThat(drained).contains("SIGTERM received").contains("consumer stopped");
        assertThat(workers.get(1).waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.get(1).exitValue()).as("exit status after kill -9").isEqualTo(137);
        System.out.printf("rolling restart: %d jobs, %d results (%d redelivered), %d target hits%n", JOBS, all.size(),
                all.size() - JOBS, hits.get());
    }

    private Process launch(String instance) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), ProbeApplication.class.getName(),
                "--spring.main.web-application-type=none",
                "--vigil.sqs.endpoint=" + server.endpoint(),
                "--vigil.sqs.queue-prefix=rr-",
                "--vigil.sqs.provision-queues=false",
                "--vigil.sqs.wait-time=1s",
                "--vigil.probe.region=local-a",
                "--vigil.probe.instance-id=" + instance,
                "--vigil.probe.allow-private-targets=true",
                "--vigil.probe.max-in-flight=4",
                "--vigil.probe.shutdown-grace=15s",
                "--vigil.probe.heartbeat-interval=1s");
        File log = LOGS.resolve(instance + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private void awaitHeartbeats(Set<String> instances, Duration within) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (!seen.containsAll(instances) && System.nanoTime() < deadline) {
            for (ProbeHeartbeat beat : receive(names.probeHeartbeats(), ProbeHeartbeat.class)) {
                seen.add(beat.instanceId());
            }
            for (Process worker : workers) {
                assertThat(worker.isAlive()).as("a worker died while starting; see " + LOGS).isTrue();
            }
        }
        assertThat(seen).as("workers announced themselves").containsAll(instances);
    }

    private Set<UUID> sendJobs() {
        MessagePublisher publisher = new MessagePublisher(sqs, queues);
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/";
        List<CheckJob> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a",
                    HttpCheck.get(url + i), 3000, null, 60, List.of("local-a"), 0, Instant.now()));
        }
        assertThat(publisher.publishAll(names.checks("local-a", FrequencyBucket.M1), jobs).join()).isEmpty();
        Set<UUID> ids = new HashSet<>();
        jobs.forEach(job -> ids.add(job.jobId()));
        return ids;
    }

    private <T> List<T> receive(String queue, Class<T> type) {
        String url = queues.urlOf(queue);
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .join().messages();
        List<T> read = new ArrayList<>();
        for (Message message : messages) {
            read.addAll(WireJson.readList(message.body(), type));
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle())).join();
        }
        return read;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
