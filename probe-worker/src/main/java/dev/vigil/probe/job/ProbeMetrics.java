package dev.vigil.probe.job;

import dev.vigil.common.check.MonitorType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The probe's own meters: checks by type and result, check duration, checks running, queue wait, stale drops,
 * SSRF refusals, local retries, duplicate confirmations, visibility extensions and checks the watchdog abandoned.
 */
@Component
public class ProbeMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger abandonedRunning = new AtomicInteger();
    private final Counter stale;
    private final Timer queueWait;
    private final Counter visibilityExtensions;
    private final Map<String, Counter> checks = new ConcurrentHashMap<>();
    private final Map<MonitorType, Timer> durations = new ConcurrentHashMap<>();

    ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stale = Counter.builder("vigil.probe.jobs.stale")
                .description("Jobs dropped as older than their interval").register(registry);
        this.queueWait = Timer.builder("vigil.probe.queue.wait")
                .description("Time from a job being sent to a worker receiving it").publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        this.visibilityExtensions = Counter.builder("vigil.probe.visibility.extensions")
                .description("Visibility extensions for checks that run long").register(registry);
        Gauge.builder("vigil.probe.checks.in.flight", running, AtomicInteger::get)
                .description("Checks running now").register(registry);
        Gauge.builder("vigil.probe.checks.abandoned.running", abandonedRunning, AtomicInteger::get)
                .description("Checks the watchdog abandoned that still run (code ignoring interrupts)")
                .register(registry);
    }

    /** Checks running now. */
    public int running() {
        return running.get();
    }

    void started() {
        running.incrementAndGet();
    }

    void finished() {
        running.decrementAndGet();
    }

    void stale() {
        stale.increment();
    }

    void queueWait(Duration wait) {
        queueWait.record(wait.isNegative() ? Duration.ZERO : wait);
    }

    void visibilityExtended() {
        visibilityExtensions.increment();
    }

    void checked(MonitorType type, String result, long millis) {
        // Looked up in a map of our own: building a meter id and asking the registry costs more than that, per check.
        checks.computeIfAbsent(type.name() + '|' + result, key -> Counter.builder("vigil.probe.checks")
                .description("Checks run, by type and result").tag("type", type.name()).tag("result", result)
                .register(registry)).increment();
        durations.computeIfAbsent(type, t -> Timer.builder("vigil.probe.check.duration")
                .description("Duration of a check attempt").tag("type", t.name()).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry))
                .record(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void refused(MonitorType type) {
        Counter.builder("vigil.probe.ssrf.refusals").description("Checks refused by the target policy")
                .tag("type", type.name()).register(registry).increment();
    }

    void unrunnable(MonitorType type) {
        Counter.builder("vigil.probe.jobs.unrunnable")
                .description("Jobs of a type this probe does not run (no usable browser), dropped as no data")
                .tag("type", type.name()).register(registry).increment();
    }

    void retried(boolean recovered) {
        Counter.builder("vigil.probe.retries").description("Local retries of failed checks")
                .tag("outcome", recovered ? "recovered" : "failed").register(registry).increment();
    }

    void abandoned(MonitorType type) {
        abandonedRunning.incrementAndGet();
        Counter.builder("vigil.probe.checks.abandoned")
                .description("Checks that outlived their timeout plus the watchdog's grace, recorded as timeouts")
                .tag("type", type.name()).register(registry).increment();
    }

    void abandonedEnded() {
        abandonedRunning.decrementAndGet();
    }

    /** Checks the watchdog abandoned that have not ended yet. */
    public int abandonedRunning() {
        return abandonedRunning.get();
    }

    void duplicateConfirmation() {
        Counter.builder("vigil.probe.confirmations.duplicate")
                .description("CONFIRM jobs dropped as already answered by this worker").register(registry).increment();
    }
}
