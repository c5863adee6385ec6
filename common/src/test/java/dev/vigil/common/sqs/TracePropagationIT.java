package dev.vigil.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.common.tracing.TraceContext;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The trace context crosses the SQS hop: a message published inside a trace is handled in that trace (a new span of
 * it), with the trace id in the handler's MDC; messages published outside any trace each start their own. The SQS
 * calls of the round trip are timed per operation.
 */
class TracePropagationIT {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SqsAsyncClient sqs = SqsClients.create(TestSqs.shared().properties(""),
            List.of(new SqsRequestMetrics(meters)));
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final MessagePublisher publisher = new MessagePublisher(sqs, queues);
    private QueueConsumer consumer;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
        sqs.close();
    }

    @Test
    void theHandlerContinuesThePublishersTraceAndUntracedMessagesStartTheirOwn() {
        String name = "trace-test-" + UUID.randomUUID();
        String url = queues.provision(new QueueSpec(name, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        Map<String, String[]> seen = new ConcurrentHashMap<>();
        // Bodies are JSON strings; the key is the text without its quotes.
        MessageHandler handler = MessageHandler.blocking(message -> seen.put(message.body().replace("\"", ""),
                new String[] {MDC.get(TraceContext.TRACE_ID_KEY), MDC.get(TraceContext.SPAN_ID_KEY)}));
        consumer = new QueueConsumer(sqs, List.of(url), handler,
                new ConsumerSettings("trace-test", 4, Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(1)), meters, Clock.systemUTC());
        consumer.start();

        TraceContext job = TraceContext.newRoot();
        try (TraceContext.Scope scope = job.open()) {
            publisher.publish(name, "traced").join();
        }
        assertThat(MDC.get(TraceContext.TRACE_ID_KEY)).as("the scope restored the MDC").isNull();
        assertThat(publisher.publishAll(name, List.of("untraced-1", "untraced-2")).join()).isEmpty();

        await().atMost(Duration.ofSeconds(15)).until(() -> seen.size() == 3);
        assertThat(seen.get("traced")[0]).isEqualTo(job.traceId());
        assertThat(seen.get("traced")[1]).as("the handler runs in a span of its own").isNotEqualTo(job.spanId())
                .hasSize(16);
        assertThat(seen.get("untraced-1")[0]).hasSize(32).isNotEqualTo(seen.get("untraced-2")[0])
                .isNotEqualTo(job.traceId());

        Timer sends = meters.find("vigil.sqs.requests").tags("operation", "SendMessage", "outcome", "success")
                .timer();
        Timer receives = meters.find("vigil.sqs.requests").tags("operation", "ReceiveMessage", "outcome", "success")
                .timer();
        assertThat(sends).isNotNull();
        assertThat(sends.count()).isEqualTo(1);
        assertThat(receives).isNotNull();
        assertThat(receives.count()).isPositive();
        assertThat(meters.find("vigil.sqs.requests").tags("operation", "SendMessageBatch").timer()).isNotNull();
    }

    @Test
    void whatAHandlerPublishesStaysInTheTraceAcrossASecondHop() {
        // As a probe does: it handles a job and publishes the result, which the alerting service handles.
        String jobs = "trace-jobs-" + UUID.randomUUID();
        String results = "trace-results-" + UUID.randomUUID();
        String jobsUrl = queues.provision(new QueueSpec(jobs, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        String resultsUrl = queues.provision(new QueueSpec(results, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        Map<String, String> resultTraces = new ConcurrentHashMap<>();
        ConsumerSettings settings = new ConsumerSettings("trace-hop", 4, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        consumer = new QueueConsumer(sqs, List.of(jobsUrl), MessageHandler.blocking(message ->
                publisher.publish(results, "result of " + message.body().replace("\"", "")).join()),
                settings, meters, Clock.systemUTC());
        QueueConsumer second = new QueueConsumer(sqs, List.of(resultsUrl), MessageHandler.blocking(message ->
                resultTraces.put(message.body().replace("\"", ""), MDC.get(TraceContext.TRACE_ID_KEY))),
                settings, meters, Clock.systemUTC());
        consumer.start();
        second.start();
        try {
            TraceContext first = TraceContext.newRoot();
            TraceContext otherJob = TraceContext.newRoot();
            try (TraceContext.Scope scope = first.open()) {
                publisher.publish(jobs, "job-1").join();
            }
            try (TraceContext.Scope scope = otherJob.open()) {
                publisher.publish(jobs, "job-2").join();
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> resultTraces.size() == 2);
            assertThat(resultTraces).containsEntry("result of job-1", first.traceId())
                    .containsEntry("result of job-2", otherJob.traceId());
        } finally {
            second.stop();
        }
    }

    @Test
    void malformedOrInvalidTraceparentsAreIgnored() {
        assertThat(TraceContext.parse("00-" + "0".repeat(32) + "-" + "1".repeat(16) + "-01")).isEmpty();
        assertThat(TraceContext.parse("garbage")).isEmpty();
        TraceContext root = TraceContext.newRoot();
        assertThat(TraceContext.parse(root.traceparent())).contains(root);
    }
}
