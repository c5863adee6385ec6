package dev.vigil.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.round.ScheduledMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The sender against a real (embedded) SQS server: all jobs land, and an unreachable SQS stays bounded and counted. */
class JobDispatcherIT {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private static SchedulerProperties properties(int concurrency, int attempts, Duration timeout) {
        return properties(concurrency, attempts, timeout, 25);
    }

    private static SchedulerProperties properties(int concurrency, int attempts, Duration timeout, int packSize) {
        return new SchedulerProperties(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(60), Duration.ofSeconds(1), 1L,
                Duration.ofSeconds(10), concurrency, attempts, timeout, packSize, Duration.ofSeconds(60), true);
    }

    private static List<DueRound> rounds(int count, int intervalSeconds, List<String> regions) {
        List<DueRound> rounds = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            rounds.add(new DueRound(new ScheduledMonitor(UUID.randomUUID(), UUID.randomUUID(),
                    HttpCheck.get("https://example.com/" + i), intervalSeconds, 5000, null, regions, 1), now));
        }
        return rounds;
    }

    @Test
    void everyJobOfEveryRegionLandsOnItsBucketsQueueAndIsCounted() {
        String prefix = "dispatch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        QueueNames names = new QueueNames(prefix);
        try (SqsAsyncClient sqs = TestSqs.shared().client()) {
            QueueDirectory queues = new QueueDirectory(sqs);
            queues.provision(QueueTopology.all(names, List.of("r1", "r2")));
            JobDispatcher dispatcher = new JobDispatcher(sqs, queues, names, Clock.systemUTC(),
                    properties(4, 3, Duration.ofSeconds(5)), meters);

            int handed = dispatcher.dispatch(rounds(125, 60, List.of("r1", "r2")), () -> true)
                    + dispatcher.dispatch(rounds(7, 300, List.of("r2")), () -> true);

            assertThat(handed).isEqualTo(257);
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
            // Packed: 25 jobs to a message.
            assertThat(depth(sqs, queues, names.checks("r1", FrequencyBucket.M1))).isEqualTo(5);
            assertThat(jobsOn(sqs, queues, names.checks("r1", FrequencyBucket.M1))).isEqualTo(125);
            assertThat(jobsOn(sqs, queues, names.checks("r2", FrequencyBucket.M1))).isEqualTo(125);
            assertThat(jobsOn(sqs, queues, names.checks("r2", FrequencyBucket.M5))).isEqualTo(7);
            assertThat(meters.get("vigil.scheduler.jobs.emitted").tags("bucket", "1m", "region", "r1").counter()
                    .count()).isEqualTo(125);
            assertThat(meters.get("vigil.scheduler.jobs.emitted").tags("bucket", "5m", "region", "r2").counter()
                    .count()).isEqualTo(7);
            assertThat(meters.get("vigil.scheduler.lag").timer().count()).isEqualTo(257);
            assertThat(meters.find("vigil.scheduler.jobs.unsent").counter()).isNull();
        }
    }

    @Test
    void anUnreachableSqsHoldsTheLoopBackAtTheConcurrencyLimitAndCountsWhatWasNotSent() throws Exception {
        QueueNames names = new QueueNames("down-");
        TestSqs server = TestSqs.start();
        try (SqsAsyncClient sqs = server.client()) {
            QueueDirectory queues = new QueueDirectory(sqs);
            queues.provision(QueueTopology.regionQueues(names, "r1"));
            server.close(); // the queue URL is known, the server is gone
            JobDispatcher dispatcher = new JobDispatcher(sqs, queues, names, Clock.systemUTC(),
                    properties(2, 3, Duration.ofMillis(500)), meters);
            AtomicInteger maxInFlight = new AtomicInteger();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxInFlight.accumulateAndGet((int) meters.get("vigil.scheduler.send.inflight").gauge().value(),
                            Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });

            int handed = dispatcher.dispatch(rounds(60, 60, List.of("r1")), () -> true);
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(60))).isTrue();
            sampler.interrupt();

            assertThat(handed).isEqualTo(60);
            assertThat(maxInFlight.get()).isBetween(1, 2);
            double failed = meters.get("vigil.scheduler.jobs.unsent").tags("reason", "failed").counter().count();
            double stale = meters.find("vigil.scheduler.jobs.unsent").tags("reason", "stale").counter() == null ? 0
                    : meters.get("vigil.scheduler.jobs.unsent").tags("reason", "stale").counter().count();
            assertThat(failed + stale).isEqualTo(60);
            // Three attempts per job (fewer only for jobs that went stale while retrying).
            assertThat(meters.get("vigil.scheduler.send.errors").counter().count()).isGreaterThanOrEqualTo(60);
            assertThat(meters.find("vigil.scheduler.jobs.emitted").counter()).isNull();
        }
    }

    @Test
    void aSchedulerThatLosesLeadershipStopsSendingAndCountsTheRest() {
        String prefix = "standby-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        QueueNames names = new QueueNames(prefix);
        try (SqsAsyncClient sqs = TestSqs.shared().client()) {
            QueueDirectory queues = new QueueDirectory(sqs);
            queues.provision(QueueTopology.regionQueues(names, "r1"));
            // One job a message, so that the 100 jobs take ten batch calls.
            JobDispatcher dispatcher = new JobDispatcher(sqs, queues, names, Clock.systemUTC(),
                    properties(4, 3, Duration.ofSeconds(5), 1), meters);
            AtomicInteger checks = new AtomicInteger();

            // Leader for the first three slot checks (batches), then not.
            int handed = dispatcher.dispatch(rounds(100, 60, List.of("r1")), () -> checks.incrementAndGet() <= 3);
            dispatcher.awaitIdle(Duration.ofSeconds(30));

            assertThat(handed).isLessThan(100).isPositive();
            assertThat(meters.get("vigil.scheduler.jobs.unsent").tags("reason", "standby").counter().count())
                    .isEqualTo(100 - handed);
            assertThat(jobsOn(sqs, queues, names.checks("r1", FrequencyBucket.M1))).isEqualTo(handed);
        }
    }

    @Test
    void browserJobsGoOnlyToRegionsWithABrowserCapableProbeAndNameOnlyThoseForConfirmation() {
        String prefix = "capable-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        QueueNames names = new QueueNames(prefix);
        try (SqsAsyncClient sqs = TestSqs.shared().client()) {
            QueueDirectory queues = new QueueDirectory(sqs);
            queues.provision(QueueTopology.all(names, List.of("r1", "r2", "r3")));
            // r1's probes have a browser, r2's do not, r3 has no live probe (deploying): r3 keeps its jobs.
            RegionCapabilities fleet = RegionCapabilities.of(Map.of(
                    "r1", Set.of("HTTP", "BROWSER"), "r2", Set.of("HTTP")));
            JobDispatcher dispatcher = new JobDispatcher(sqs, queues, names, Clock.systemUTC(),
                    properties(4, 3, Duration.ofSeconds(5)), meters, () -> fleet);
            Instant now = Instant.now();
            BrowserCheck browser = new BrowserCheck(List.of(new BrowserStep(BrowserStep.Action.GOTO, null,
                    "https://shop.example/", null)));
            List<String> all = List.of("r1", "r2", "r3");
            ScheduledMonitor shop = new ScheduledMonitor(UUID.randomUUID(), UUID.randomUUID(), browser, 300, 30_000,
                    null, all, 1);
            ScheduledMonitor onlyWithout = new ScheduledMonitor(UUID.randomUUID(), UUID.randomUUID(), browser, 300,
                    30_000, null, List.of("r2"), 0);
            ScheduledMonitor api = new ScheduledMonitor(UUID.randomUUID(), UUID.randomUUID(),
                    HttpCheck.get("https://api.example/"), 300, 5000, null, all, 1);

            int handed = dispatcher.dispatch(List.of(new DueRound(shop, now), new DueRound(onlyWithout, now),
                    new DueRound(api, now)), () -> true);
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();

            assertThat(handed).isEqualTo(5);
            List<CheckJob> r1 = jobs(sqs, queues, names.checks("r1", FrequencyBucket.M5));
            List<CheckJob> r2 = jobs(sqs, queues, names.checks("r2", FrequencyBucket.M5));
            List<CheckJob> r3 = jobs(sqs, queues, names.checks("r3", FrequencyBucket.M5));
            assertThat(r1).extracting(CheckJob::monitorId).containsExactlyInAnyOrder(shop.id(), api.id());
            assertThat(r2).extracting(CheckJob::monitorId).containsExactly(api.id());
            assertThat(r3).extracting(CheckJob::monitorId).containsExactlyInAnyOrder(shop.id(), api.id());
            assertThat(r1.stream().filter(j -> j.monitorId().equals(shop.id())).findFirst().orElseThrow().regions())
                    .containsExactly("r1", "r3");
            assertThat(r1.stream().filter(j -> j.monitorId().equals(api.id())).findFirst().orElseThrow().regions())
                    .containsExactly("r1", "r2", "r3");
            assertThat(meters.get("vigil.scheduler.jobs.unsent").tags("reason", "no-capable-probe").counter()
                    .count()).isEqualTo(2);
        }
    }

    private static List<CheckJob> jobs(SqsAsyncClient sqs, QueueDirectory queues, String queue) {
        String url = queues.urlOf(queue);
        List<CheckJob> jobs = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).join()
                    .messages();
            for (Message message : messages) {
                jobs.addAll(WireJson.readList(message.body(), CheckJob.class));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle())).join();
            }
        } while (!messages.isEmpty());
        return jobs;
    }

    /** Reads (and deletes) every message of the queue; answers the jobs they hold. */
    private static int jobsOn(SqsAsyncClient sqs, QueueDirectory queues, String queue) {
        String url = queues.urlOf(queue);
        int jobs = 0;
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).join()
                    .messages();
            for (Message message : messages) {
                jobs += WireJson.readList(message.body(), CheckJob.class).size();
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle())).join();
            }
        } while (!messages.isEmpty());
        return jobs;
    }

    private static int depth(SqsAsyncClient sqs, QueueDirectory queues, String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queues.urlOf(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
