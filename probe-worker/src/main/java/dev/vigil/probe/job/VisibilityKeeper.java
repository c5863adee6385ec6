package dev.vigil.probe.job;

import dev.vigil.common.sqs.ReceivedMessage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a job's message hidden while its check runs longer than the queue's visibility timeout allows (a slow
 * target, a long timeout, the retry): at half the timeout it extends the visibility by a whole timeout again, for as
 * long as the job runs. Jobs that fit comfortably (most) cost nothing.
 */
final class VisibilityKeeper implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("probe-visibility").factory());
    private final ProbeMetrics metrics;

    VisibilityKeeper(ProbeMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Starts keeping {@code message} hidden if {@code budget} (the most the job can take) does not fit in half of
     * {@code visibility}; close the answer when the job is done.
     */
    AutoCloseable keep(ReceivedMessage message, Duration visibility, Duration budget) {
        if (budget.compareTo(visibility.dividedBy(2)) <= 0) {
            return () -> { };
        }
        long period = Math.max(1000, visibility.toMillis() / 2);
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(() -> {
            message.extendVisibility(visibility);
            metrics.visibilityExtended();
        }, period, period, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
