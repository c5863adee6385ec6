package dev.vigil.probe.check.http;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark helper (not a test): HTTP checks of one URL started at a fixed rate, as a probe's scheduled HTTP monitors
 * arrive, whatever else the probe is doing. Each check is a full one (fresh connection, phase timings, a status
 * assertion). It is an open loop: a check is started at its tick even when earlier ones have not ended, and its
 * latency is counted from the tick, so a probe that falls behind shows it as latency, not as a lower offered rate.
 */
public final class HttpLoad {

    private final CheckExecutor executor = TestExecutors.http();
    private final CheckJob job;
    private final int perSecond;

    public HttpLoad(String url, int perSecond) {
        this.job = TestJobs.job(new HttpCheck(url, "GET", Map.of(), null, true,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"))), 5000);
        this.perSecond = perSecond;
    }

    /**
     * The load on its own, in a JVM of its own: beside a browser run in another JVM it tells the browsers' CPU from
     * anything inside the probe's JVM. Arguments: {@code url perSecond seconds}.
     */
    public static void main(String[] args) throws InterruptedException {
        HttpLoad load = new HttpLoad(args[0], Integer.parseInt(args[1]));
        load.run(Duration.ofSeconds(5));
        System.out.println(load.run(Duration.ofSeconds(Integer.parseInt(args[2]))).line("separate-jvm"));
    }

    /** What one window of checks did. */
    public record Figures(int offeredPerSecond, long checks, long failed, double seconds, double p50Ms, double p99Ms,
                          double maxMs) {

        public double checksPerSecond() {
            return checks / seconds;
        }

        public String line(String beside) {
            return String.format("engine=vigil-http beside=%s offered_per_s=%d checks=%d failed=%d seconds=%.0f "
                            + "checks_per_s=%.1f latency_p50_ms=%.1f latency_p99_ms=%.1f latency_max_ms=%.0f",
                    beside, offeredPerSecond, checks, failed, seconds, checksPerSecond(), p50Ms, p99Ms, maxMs);
        }
    }

    /** Starts checks for {@code window}, then waits for the last of them; counts only checks that ended. */
    public Figures run(Duration window) throws InterruptedException {
        long period = 1_000_000_000L / perSecond;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        LongAdder failed = new LongAdder();
        List<Thread> started = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        for (long tick = start; tick < end; tick += period) {
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = tick;
            started.add(Thread.ofVirtual().start(() -> {
                CheckOutcome outcome = executor.execute(job);
                latencies.add((System.nanoTime() - scheduled) / 1e6);
                if (!outcome.ok()) {
                    failed.increment();
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return new Figures(perSecond, sorted.size(), failed.sum(), seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.getLast());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
