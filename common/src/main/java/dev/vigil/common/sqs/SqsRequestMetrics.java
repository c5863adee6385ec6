package dev.vigil.common.sqs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every SQS call, retries included, as {@code vigil.sqs.requests} tagged with the operation
 * ({@code ReceiveMessage}, {@code SendMessageBatch}, ...) and the outcome: {@code success}, {@code service_error}
 * (SQS answered with an error) or {@code client_error} (no answer: refused, timed out). A long poll counts for its
 * whole wait, so the latency of {@code ReceiveMessage} is mostly the wait time.
 */
public final class SqsRequestMetrics implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("vigil.sqs.started");

    private final MeterRegistry meters;
    /** One timer per (operation, outcome), found without building a meter id per call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public SqsRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, context.exception() instanceof AwsServiceException ? "service_error" : "client_error");
    }

    private void record(ExecutionAttributes attributes, String outcome) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String name = operation == null ? "unknown" : operation;
        timers.computeIfAbsent(name + '|' + outcome, key -> Timer.builder("vigil.sqs.requests")
                        .description("SQS calls by operation and outcome").tag("operation", name).tag("outcome", outcome)
                        .register(meters))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
