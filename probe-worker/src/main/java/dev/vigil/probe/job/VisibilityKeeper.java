package dev.vigil.probe.job;

import dev.vigil.common.sqs.ReceivedMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a job's message hidden while its check runs longer than the queue's visibility timeout allows (a slow
 * target, a long timeout, the retry): at half the timeout it extends the visibility by a whole timeout again, for as
 * long as the job runs. Jobs that fit comfortably cost nothing; the others are a map entry that one sweep looks at
 * twice a second (a timer task per job, scheduled and cancelled hundreds of times a second, cost more than the
 * checks' own bookkeeping).
 */
final class VisibilityKeeper implements AutoCloseable {

    private static final long SWEEP_EVERY_MS = 500;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("probe-visibility").factory());
    private final Map<Kept, Boolean> kept = new ConcurrentHashMap<>();
    private final ProbeMetrics metrics;

    VisibilityKeeper(ProbeMetrics metrics) {
        this.metrics = metrics;
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts keeping {@code message} hidden if {@code budget} (the most the job can take) does not fit in half of
     * {@code visibility}; close the answer when the job is done.
     */
    AutoCloseable keep(ReceivedMessage message, Duration visibility, Duration budget) {
        if (budget.compareTo(visibility.dividedBy(2)) <= 0) {
            return () -> { };
        }
        long period = Math.max(1_000_000_000L, visibility.toNanos() / 2);
        Kept entry = new Kept(message, visibility, period, System.nanoTime() + period);
        kept.put(entry, Boolean.TRUE);
        return () -> kept.remove(entry);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Kept entry : kept.keySet()) {
            if (now - entry.nextAt >= 0) {
                entry.message.extendVisibility(entry.visibility);
                entry.nextAt = now + entry.period;
                metrics.visibilityExtended();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A message being kept hidden, and when it is next extended (identity-keyed). */
    private static final class Kept {
        private final ReceivedMessage message;
        private final Duration visibility;
        private final long period;
        private volatile long nextAt;

        Kept(ReceivedMessage message, Duration visibility, long period, long nextAt) {
            this.message = message;
            this.visibility = visibility;
            this.period = period;
            this.nextAt = nextAt;
        }
    }
}
