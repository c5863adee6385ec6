package dev.vigil.scheduler.dispatch;

import dev.vigil.common.queue.FrequencyBucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher's meters: jobs on the queues per bucket and region, the schedule lag (time a job was accepted by SQS
 * minus its round's scheduled instant), send errors, and jobs that were never sent, by reason.
 */
final class DispatchMetrics {

    /** Why a job was not sent. */
    enum Unsent {
        /** SQS refused it or the call failed, on every attempt. */
        FAILED("failed"),
        /** It waited (for a send slot or a retry) until its round was too late to be worth sending. */
        STALE("stale"),
        /** This instance stopped being the active scheduler before sending it. */
        STANDBY("standby"),
        /** Its region's live probes all lack its type (no usable browser): sent there, it could only be dropped. */
        NO_CAPABLE_PROBE("no-capable-probe");

        final String tag;

        Unsent(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry meters;
    private final Timer lag;
    private final Counter sendErrors;
    private final Map<String, Counter> emitted = new ConcurrentHashMap<>();
    private final Map<Unsent, Counter> unsent = new ConcurrentHashMap<>();

    DispatchMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.lag = Timer.builder("vigil.scheduler.lag")
                .description("Time SQS accepted a job minus its round's scheduled instant")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
        this.sendErrors = Counter.builder("vigil.scheduler.send.errors")
                .description("Batch entries SQS refused or calls that failed (each attempt counts)").register(meters);
    }

    void accepted(FrequencyBucket bucket, String region, long lagMillis) {
        emitted.computeIfAbsent(bucket.suffix() + '|' + region, key -> Counter.builder("vigil.scheduler.jobs.emitted")
                .description("Check jobs SQS accepted").tag("bucket", bucket.suffix()).tag("region", region)
                .register(meters)).increment();
        lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
    }

    void sendErrors(int entries) {
        sendErrors.increment(entries);
    }

    void unsent(Unsent reason, int jobs) {
        unsent.computeIfAbsent(reason, r -> Counter.builder("vigil.scheduler.jobs.unsent")
                .description("Check jobs never put on a queue").tag("reason", r.tag).register(meters))
                .increment(jobs);
    }

    Timer lag() {
        return lag;
    }
}
