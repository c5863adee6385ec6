package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.probe.support.QueueReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Skipped checks reach the results queue as runs of consecutive rounds, in few messages, against ElasticMQ. */
class SkippedCheckReporterIT {

    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final QueueNames names = new QueueNames("skip" + UUID.randomUUID().toString().substring(0, 6) + "-");
    private final Instant start = Instant.parse("2026-12-06T10:00:00Z");

    @AfterEach
    void close() {
        sqs.close();
    }

    private static CheckJob round(UUID monitorId, UUID workspaceId, Instant at) {
        return CheckJob.scheduled(monitorId, workspaceId, at, "local-a", new TcpCheck("127.0.0.1", 9), 1000, null, 60,
                List.of("local-a", "local-b"), 1, at);
    }

    @Test
    void consecutiveRoundsOfAMonitorAreOneRunAndAGapStartsAnother() {
        queues.provision(QueueTopology.results(names));
        SkippedCheckReporter reporter = new SkippedCheckReporter(new MessagePublisher(sqs, queues), names.results(),
                "local-a", "probe-1", Clock.systemUTC());
        UUID monitor = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        for (int minute : new int[] {0, 1, 2, 5}) {
            reporter.skipped(round(monitor, workspace, start.plus(Duration.ofMinutes(minute))),
                    ChecksSkipped.Run.STALE);
        }

        reporter.flush().join();

        List<ChecksSkipped> reports = read(1);
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.region()).isEqualTo("local-a");
            assertThat(report.instanceId()).isEqualTo("probe-1");
            assertThat(report.runs()).containsExactly(
                    new ChecksSkipped.Run(monitor, workspace, start, start.plus(Duration.ofMinutes(2)), 3, 60),
                    new ChecksSkipped.Run(monitor, workspace, start.plus(Duration.ofMinutes(5)),
                            start.plus(Duration.ofMinutes(5)), 1, 60));
        });
        reporter.flush().join();
        assertThat(read(1)).as("nothing new, nothing sent").isEmpty();
    }

    @Test
    void roundsThisProbeCannotRunAreARunOfTheirOwnNamedSo() {
        queues.provision(QueueTopology.results(names));
        SkippedCheckReporter reporter = new SkippedCheckReporter(new MessagePublisher(sqs, queues), names.results(),
                "local-a", "probe-1", Clock.systemUTC());
        UUID monitor = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        reporter.skipped(round(monitor, workspace, start), ChecksSkipped.Run.STALE);
        reporter.skipped(round(monitor, workspace, start.plus(Duration.ofMinutes(1))), ChecksSkipped.Run.UNRUNNABLE);
        reporter.skipped(round(monitor, workspace, start.plus(Duration.ofMinutes(2))), ChecksSkipped.Run.UNRUNNABLE);

        reporter.flush().join();

        assertThat(read(1)).singleElement().satisfies(report -> assertThat(report.runs()).containsExactly(
                new ChecksSkipped.Run(monitor, workspace, start, start, 1, 60, ChecksSkipped.Run.STALE),
                new ChecksSkipped.Run(monitor, workspace, start.plus(Duration.ofMinutes(1)),
                        start.plus(Duration.ofMinutes(2)), 2, 60, ChecksSkipped.Run.UNRUNNABLE)));
    }

    @Test
    void manyMonitorsGoOutInMessagesOfAtMostFiveHundredRuns() {
        queues.provision(QueueTopology.results(names));
        SkippedCheckReporter reporter = new SkippedCheckReporter(new MessagePublisher(sqs, queues), names.results(),
                "local-a", "probe-1", Clock.systemUTC());
        for (int i = 0; i < 1200; i++) {
            reporter.skipped(round(UUID.randomUUID(), UUID.randomUUID(), start), ChecksSkipped.Run.STALE);
        }

        reporter.flush().join();

        List<ChecksSkipped> reports = read(3);
        assertThat(reports).hasSize(3);
        assertThat(reports).allSatisfy(r -> assertThat(r.runs()).hasSizeLessThanOrEqualTo(500));
        List<ChecksSkipped.Run> runs = new ArrayList<>();
        reports.forEach(r -> runs.addAll(r.runs()));
        assertThat(runs).hasSize(1200).allSatisfy(run -> assertThat(run.checks()).isEqualTo(1));
    }

    private List<ChecksSkipped> read(int expected) {
        return new QueueReader(sqs).read(queues.urlOf(names.results()), ChecksSkipped.class, expected,
                Duration.ofSeconds(expected == 1 ? 3 : 10));
    }
}
