package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.HttpCheck;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * A check that outlasts its queue's visibility timeout keeps its message hidden: SQS does not hand the job out again
 * (to this worker or another) while it still runs.
 */
class VisibilityExtensionIT {

    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final QueueNames names = new QueueNames("vis" + UUID.randomUUID().toString().substring(0, 6) + "-");
    private HttpServer slow;
    private QueueConsumer consumer;
    private JobRunner runner;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
        if (runner != null) {
            runner.close();
        }
        if (slow != null) {
            slow.stop(0);
        }
        sqs.close();
    }

    @Test
    void aSlowCheckKeepsItsJobHiddenUntilItsResultIsPublished() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slow.createContext("/", exchange -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(4500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.start();
        Duration visibility = Duration.ofSeconds(2);
        QueueSpec spec = new QueueSpec(names.checks("local-a", FrequencyBucket.M1), visibility, Duration.ofMinutes(5),
                3);
        String url = queues.provision(spec);
        queues.provision(QueueTopology.results(names));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MessagePublisher publisher = new MessagePublisher(sqs, queues);
        runner = new JobRunner(new CheckEngine(List.of(TestExecutors.http())),
                new PackingPublisher<>(sqs, queues, names.results(), 25, Duration.ofMillis(50)), "local-a", 4,
                4, Duration.ZERO, Duration.ofSeconds(5), duration -> { }, queueUrl -> visibility,
                new ProbeMetrics(meters),
                new SkippedCheckReporter(publisher, names.results(), "local-a", "vis", Clock.systemUTC()),
                Clock.systemUTC());
        consumer = new QueueConsumer(sqs, List.of(url), runner, ConsumerSettings.of("vis", 4, Duration.ofSeconds(1)),
                meters, Clock.systemUTC());
        consumer.start();

        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a",
                HttpCheck.get("http://127.0.0.1:" + slow.getAddress().getPort() + "/"), 8000, null, 60,
                List.of("local-a"), 0, Instant.now());
        publisher.publish(spec.name(), job).join();

        List<CheckResult> results = new QueueReader(sqs).read(queues.urlOf(names.results()), CheckResult.class, 2,
                Duration.ofSeconds(12));
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().ok()).isTrue();
        assertThat(hits).as("the job ran once, not again on a second receive").hasValue(1);
        assertThat(meters.counter("vigil.probe.visibility.extensions").count()).isGreaterThanOrEqualTo(1);
    }
}
