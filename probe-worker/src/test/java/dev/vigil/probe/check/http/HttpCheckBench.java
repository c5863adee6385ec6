package dev.vigil.probe.check.http;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark driver (not a test; run by {@code bench/probe-http/run.sh}): HTTP checks of one URL by the check engine,
 * at a fixed concurrency, each a full check as a probe runs it (fresh connection, phase timings, a status assertion,
 * the body read). After a warm-up it measures a window and prints one line of {@code key=value} figures: checks per
 * second, CPU seconds of this process from {@code /proc/self/stat} (every thread: checks, GC, JIT), checks per CPU
 * second, heap in use and RSS.
 *
 * <p>Arguments: {@code url concurrency seconds warmupSeconds}.
 */
public final class HttpCheckBench {

    private HttpCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int concurrency = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        HttpCheckExecutor executor = (HttpCheckExecutor) TestExecutors.http();
        CheckJob job = TestJobs.job(new HttpCheck(url, "GET", Map.of(), null, true,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"))), 5000);

        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long warmupEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<String> firstFailure = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                boolean measuring = false;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    measuring = measuring || now >= warmupEnd;
                    CheckOutcome outcome = executor.execute(job);
                    if (!measuring) {
                        continue;
                    }
                    if (outcome.ok()) {
                        ok.increment();
                    } else {
                        failed.increment();
                        synchronized (firstFailure) {
                            if (firstFailure.isEmpty()) {
                                firstFailure.add(outcome.message());
                            }
                        }
                    }
                }
            }));
        }
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        long cpuStart = cpuTicks();
        long start = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuTicks() - cpuStart) / 100.0;
        long checks = ok.sum() + failed.sum();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        System.out.printf("engine=vigil concurrency=%d checks=%d failed=%d seconds=%.1f checks_per_s=%.0f cpu_s=%.2f "
                        + "checks_per_cpu_s=%.0f heap_used_mb=%.1f heap_committed_mb=%.1f rss_mb=%.1f "
                        + "rss_peak_mb=%.1f%n",
                concurrency, checks, failed.sum(), elapsed, checks / elapsed, cpu, checks / cpu,
                heapUsed / 1048576.0, heapCommitted / 1048576.0, status("VmRSS") / 1024.0, status("VmHWM") / 1024.0);
        if (!firstFailure.isEmpty()) {
            System.out.println("first failure: " + firstFailure.getFirst());
        }
    }

    /** utime + stime of this process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A {@code /proc/self/status} value in kB. */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
