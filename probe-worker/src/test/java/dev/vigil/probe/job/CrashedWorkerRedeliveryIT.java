package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.ConsumerSettings;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.PackingPublisher;
import dev.vigil.common.sqs.QueueConsumer;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.check.CheckEngine;
import dev.vigil.probe.check.http.TestExecutors;
import dev.vigil.probe.support.QueueReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A probe killed mid-check (kill -9: no shutdown, its result never published) leaves its job's message hidden until
 * the visibility timeout; when SQS offers it again the round is already past its interval. The containers test's
 * "kill -9 of a probe: 0 results lost" failed on exactly this: the restarted probe dropped such jobs as stale, so
 * rounds that had been checked were never stored. A redelivered job now runs within its interval plus the time it was
 * hidden; a first delivery of the same old job is still dropped.
 */
class CrashedWorkerRedeliveryIT {

    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final QueueNames names = new QueueNames("crash" + UUID.randomUUID().toString().substring(0, 6) + "-");
    private final AtomicInteger hits = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Duration visibility = FrequencyBucket.S30.visibilityTimeout();
    private HttpServer target;
    private QueueConsumer consumer;
    private JobRunner runner;
    private String checksUrl;

    @BeforeEach
    void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        checksUrl = queues.provision(new QueueSpec(names.checks("local-b", FrequencyBucket.S30), visibility,
                Duration.ofMinutes(5), 3));
        queues.provision(QueueTopology.results(names));
    }

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
        if (runner != null) {
            runner.close();
        }
        target.stop(0);
        sqs.close();
    }

    @Test
    void aJobWhoseWorkerDiedIsCheckedAndStoredAfterItsIntervalPassed() {
        // A 10 s monitor's round, scheduled 25 s ago: the first worker took it at once and died with it; SQS hid it
        // for the 20 s visibility timeout, so it comes back 15 s after its interval ended.
        CheckJob job = tenSecondJob(Instant.now().minusSeconds(25));
        sendAndLoseFirstReceive(job);

        startProbe();

        List<CheckResult> results = new QueueReader(sqs).read(queues.urlOf(names.results()), CheckResult.class, 1,
                Duration.ofSeconds(15));
        assertThat(results).extracting(CheckResult::jobId).containsExactly(job.jobId());
        assertThat(results.getFirst().scheduledAt()).isEqualTo(job.scheduledAt());
        assertThat(hits).hasValue(1);
        assertThat(meters.counter("vigil.probe.jobs.stale").count()).isZero();
    }

    @Test
    void theSameOldJobDeliveredForTheFirstTimeIsStillDroppedAsStale() {
        CheckJob job = tenSecondJob(Instant.now().minusSeconds(25));
        sqs.sendMessage(r -> r.queueUrl(checksUrl).messageBody(WireJson.write(List.of(job)))).join();

        startProbe();

        List<CheckResult> results = new QueueReader(sqs).read(queues.urlOf(names.results()), CheckResult.class, 1,
                Duration.ofSeconds(6));
        assertThat(results).isEmpty();
        assertThat(hits).hasValue(0);
        assertThat(meters.counter("vigil.probe.jobs.stale").count()).isEqualTo(1);
    }

    private CheckJob tenSecondJob(Instant scheduledAt) {
        return CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), scheduledAt, "local-b",
                HttpCheck.get("http://127.0.0.1:" + target.getAddress().getPort() + "/"), 5000, null, 10,
                List.of("local-b"), 0, scheduledAt);
    }

    /** Sends the job and receives it once without deleting it, as a worker that is then killed does. */
    private void sendAndLoseFirstReceive(CheckJob job) {
        sqs.sendMessage(r -> r.queueUrl(checksUrl).messageBody(WireJson.write(List.of(job)))).join();
        List<Message> taken = sqs.receiveMessage(r -> r.queueUrl(checksUrl).maxNumberOfMessages(1).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).join().messages();
        assertThat(taken).hasSize(1);
        // The visibility timeout running out, without waiting its 20 s.
        sqs.changeMessageVisibility(r -> r.queueUrl(checksUrl).receiptHandle(taken.getFirst().receiptHandle())
                .visibilityTimeout(0)).join();
    }

    private void startProbe() {
        runner = new JobRunner(new CheckEngine(List.of(TestExecutors.http())),
                new PackingPublisher<>(sqs, queues, names.results(), 25, Duration.ofMillis(50)), "local-b", 4,
                4, Duration.ZERO, Duration.ofSeconds(5), duration -> { }, queueUrl -> visibility,
                new ProbeMetrics(meters),
                new SkippedCheckReporter(new MessagePublisher(sqs, queues), names.results(), "local-b", "crash", Clock.systemUTC()),
                Clock.systemUTC());
        consumer = new QueueConsumer(sqs, List.of(checksUrl), runner,
                ConsumerSettings.of("crash", 4, Duration.ofSeconds(1)), meters, Clock.systemUTC());
        consumer.start();
    }
}
