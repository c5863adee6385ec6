package dev.vigil.scheduler.dispatch;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.scheduler.schedule.DueRound;
import dev.vigil.scheduler.schedule.ScheduledMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the jobs of due rounds: one job per region of the monitor, to that region's queue for the monitor's frequency
 * bucket, {@code SendMessageBatch} ten at a time, all queues concurrently. Jobs SQS refuses are retried once; job ids
 * are deterministic, so a retry that turns out to duplicate a job is recognised downstream.
 */
@Component
public class JobDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

    private final MessagePublisher publisher;
    private final QueueNames names;
    private final MeterRegistry meters;
    private final Timer lag;
    private final Counter sendErrors;

    public JobDispatcher(MessagePublisher publisher, QueueNames names, MeterRegistry meters) {
        this.publisher = publisher;
        this.names = names;
        this.meters = meters;
        this.lag = Timer.builder("vigil.scheduler.lag")
                .description("Emit time minus the round's scheduled instant")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1))
                .register(meters);
        this.sendErrors = Counter.builder("vigil.scheduler.send.errors")
                .description("Jobs SQS did not accept after a retry").register(meters);
    }

    /** Sends the rounds' jobs and waits for SQS to accept them; answers how many jobs were sent. */
    public int dispatch(List<DueRound> rounds, Instant now) {
        if (rounds.isEmpty()) {
            return 0;
        }
        Map<String, List<CheckJob>> byQueue = new HashMap<>();
        for (DueRound round : rounds) {
            ScheduledMonitor m = round.monitor();
            FrequencyBucket bucket = FrequencyBucket.forIntervalSeconds(m.intervalSeconds());
            for (String region : m.regions()) {
                byQueue.computeIfAbsent(names.checks(region, bucket), q -> new ArrayList<>()).add(
                        CheckJob.scheduled(m.id(), m.workspaceId(), round.scheduledAt(), region, m.check(),
                                m.timeoutMs(), m.degradedAboveMs(), m.intervalSeconds(), m.regions(),
                                m.confirmations(), now));
            }
            lag.record(Duration.between(round.scheduledAt(), now).abs());
        }
        Map<String, CompletableFuture<List<CheckJob>>> sends = new HashMap<>();
        byQueue.forEach((queue, jobs) -> sends.put(queue, publisher.publishAll(queue, jobs)));
        int sent = 0;
        for (Map.Entry<String, CompletableFuture<List<CheckJob>>> send : sends.entrySet()) {
            List<CheckJob> jobs = byQueue.get(send.getKey());
            List<CheckJob> refused = send.getValue().join();
            if (!refused.isEmpty()) {
                refused = publisher.publishAll(send.getKey(), refused).join();
            }
            if (!refused.isEmpty()) {
                sendErrors.increment(refused.size());
                log.warn("jobs not accepted queue={} count={}", send.getKey(), refused.size());
            }
            int accepted = jobs.size() - refused.size();
            sent += accepted;
            count(send.getKey(), accepted);
        }
        return sent;
    }

    private void count(String queue, int jobs) {
        Counter.builder("vigil.scheduler.jobs.emitted").tag("queue", queue)
                .description("Check jobs put on a queue").register(meters).increment(jobs);
    }
}
