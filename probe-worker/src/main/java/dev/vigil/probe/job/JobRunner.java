package dev.vigil.probe.job;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessageHandler;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.ReceivedMessage;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.check.CheckOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles one job message: drops it when stale, runs the check, and publishes the result; the consumer deletes the
 * message only after the result is accepted by SQS.
 */
@Component
public class JobRunner implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<MonitorType, CheckExecutor> executors = new EnumMap<>(MonitorType.class);
    private final MessagePublisher publisher;
    private final QueueNames names;
    private final ProbeProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter stale;

    public JobRunner(List<CheckExecutor> executors, MessagePublisher publisher, QueueNames names,
                     ProbeProperties properties, Clock clock, MeterRegistry meters) {
        executors.forEach(e -> this.executors.put(e.type(), e));
        this.publisher = publisher;
        this.names = names;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.stale = Counter.builder("vigil.probe.jobs.stale").description("Jobs dropped as older than their interval")
                .register(meters);
    }

    @Override
    public CompletionStage<Void> handle(ReceivedMessage message) {
        CheckJob job = WireJson.read(message.body(), CheckJob.class);
        Instant startedAt = clock.instant();
        if (job.isStaleAt(startedAt)) {
            stale.increment();
            log.debug("stale job dropped job={} scheduledAt={}", job.jobId(), job.scheduledAt());
            return CompletableFuture.completedFuture(null);
        }
        CheckOutcome outcome = run(job);
        CheckResult result = new CheckResult(job.jobId(), job.roundId(), job.monitorId(), job.workspaceId(),
                properties.region(), job.kind(), job.scheduledAt(), startedAt, outcome.ok(), outcome.degraded(),
                outcome.latencyMs(), outcome.timings(), outcome.statusCode(), outcome.error(), outcome.message(),
                outcome.assertions(), outcome.perfData(), outcome.tlsDaysLeft(), outcome.responseBytes(), 1);
        Counter.builder("vigil.probe.checks").tag("type", job.check().type().name())
                .tag("result", outcome.ok() ? (outcome.degraded() ? "degraded" : "up") : "down")
                .register(meters).increment();
        return publisher.publish(names.results(), result);
    }

    private CheckOutcome run(CheckJob job) {
        CheckExecutor executor = executors.get(job.check().type());
        if (executor == null) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "this region cannot run " + job.check().type()
                    + " checks", 0);
        }
        try {
            return executor.execute(job);
        } catch (RuntimeException e) {
            log.error("check executor failed job={} type={}", job.jobId(), job.check().type(), e);
            return CheckOutcome.failed(ErrorKind.INTERNAL, "probe error: " + e.getClass().getSimpleName(), 0);
        }
    }
}
