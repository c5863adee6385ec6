package dev.vigil.common.sqs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;

/**
 * Whether SQS answers: one {@code ListQueues} call (the deployment's prefix, at most one result) bounded by a short
 * timeout. The answer is kept for {@code cacheFor}, so load balancer and container health checks of several tasks do
 * not turn into a stream of SQS calls, and a check never waits longer than {@code timeout} on an unreachable SQS.
 */
public final class SqsHealthIndicator implements HealthIndicator {

    private final SqsAsyncClient sqs;
    private final String queuePrefix;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Health last;
    private Instant lastAt = Instant.MIN;

    public SqsHealthIndicator(SqsAsyncClient sqs, String queuePrefix, Duration timeout, Duration cacheFor,
                              Clock clock) {
        this.sqs = sqs;
        this.queuePrefix = queuePrefix;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
                last = check();
                lastAt = clock.instant();
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    private Health check() {
        ListQueuesRequest.Builder request = ListQueuesRequest.builder().maxResults(1)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout));
        if (!queuePrefix.isEmpty()) {
            request.queueNamePrefix(queuePrefix);
        }
        try {
            sqs.listQueues(request.build()).join();
            return Health.up().build();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // The exception's class and message only: enough to tell a timeout from a refusal, no request details.
            return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .build();
        }
    }
}
