package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A probe whose image lacks a working Chromium (here: the configured one does not exist): it finds that out at
 * start-up, does not offer BROWSER in its heartbeats, and a browser job that reaches it anyway is dropped as no data
 * (a skipped round) rather than reported as a failed check that could take the monitor DOWN.
 */
@SpringBootTest(properties = {"spring.config.name=" + ProbeApplication.CONFIG_NAMES, "server.port=0",
        "vigil.probe.region=local-a", "vigil.probe.allow-private-targets=true", "vigil.probe.heartbeat-interval=1s",
        "vigil.probe.browser.chromium=/nonexistent/chromium"})
class NoBrowserProbeIT {

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
        TestSqs.shared().registerIn(registry, "nb" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @Test
    void heartbeatsDoNotOfferBrowserChecks() {
        List<ProbeHeartbeat> beats = new QueueReader(sqs).read(queues.urlOf(names.probeHeartbeats()),
                ProbeHeartbeat.class, 1, Duration.ofSeconds(10));

        assertThat(beats).isNotEmpty();
        assertThat(beats.getFirst().monitorTypes()).contains(MonitorType.HTTP, MonitorType.TCP)
                .doesNotContain(MonitorType.BROWSER);
    }

    @Test
    void aBrowserJobIsReportedAsSkippedNotFailedWhileOtherChecksRun() throws IOException {
        BrowserCheck browser = new BrowserCheck(List.of(new BrowserStep(BrowserStep.Action.GOTO, null,
                "http://127.0.0.1:1/login", null)));
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a", browser,
                30_000, null, 300, List.of("local-a"), 0, Instant.now());
        CheckJob tcp;
        try (ServerSocket open = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            tcp = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a",
                    new TcpCheck("127.0.0.1", open.getLocalPort()), 1000, null, 300, List.of("local-a"), 0,
                    Instant.now());

            publisher.publish(names.checks("local-a", FrequencyBucket.M5), job).join();
            publisher.publish(names.checks("local-a", FrequencyBucket.M5), tcp).join();

            await().atMost(Duration.ofSeconds(15)).until(() -> meters.find("vigil.probe.jobs.unrunnable")
                    .tag("type", "BROWSER").counter() != null);
        }
        // Results and the skipped-check report share the queue: read both kinds in one loop (a reader of one kind
        // would hide the other's message for the visibility timeout), deleting each.
        List<CheckResult> results = new ArrayList<>();
        List<ChecksSkipped> reports = new ArrayList<>();
        String url = queues.urlOf(names.results());
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while ((results.isEmpty() || reports.isEmpty()) && System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(1)).join().messages()) {
                if (message.messageAttributes().containsKey(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE)) {
                    reports.addAll(WireJson.readList(message.body(), ChecksSkipped.class));
                } else {
                    results.addAll(WireJson.readList(message.body(), CheckResult.class));
                }
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle())).join();
            }
        }
        assertThat(results).extracting(CheckResult::monitorId).containsExactly(tcp.monitorId());
        assertThat(reports).singleElement().satisfies(report -> assertThat(report.runs()).singleElement()
                .isEqualTo(ChecksSkipped.Run.of(job.monitorId(), job.workspaceId(), job.scheduledAt(), 300,
                        ChecksSkipped.Run.UNRUNNABLE)));
    }
}
