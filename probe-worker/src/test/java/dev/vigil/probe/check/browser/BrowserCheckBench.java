package dev.vigil.probe.check.browser;

import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.BrowserStep.Action;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.http.HttpLoad;
import dev.vigil.probe.support.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark driver (not a test; run by {@code bench/probe-browser/run.sh}): the sign-in journey of {@link LoginApp}
 * as a BROWSER check, back to back for a window, with {@code poolSize} browsers at once (the probe's
 * {@code max-concurrent}). Samples the RSS and CPU of this JVM plus every process under it (chromedriver, Chromium)
 * from {@code /proc} every 200 ms, and prints one line of {@code key=value} figures: checks per minute, peak and mean
 * RSS, CPU seconds and CPU seconds per check.
 *
 * <p>With an HTTP URL and a rate it also answers whether browsers slow the probe's HTTP checks: the same engine's HTTP
 * checks at that fixed rate ({@link HttpLoad}, open loop), first alone, then in the same JVM while the browsers run (as
 * on a probe, which runs both), each window printed with its achieved rate and latency percentiles.
 *
 * <p>Arguments: {@code poolSize seconds [httpUrl httpPerSecond httpSeconds]}; the HTTP window beside the browsers
 * starts 5 s into their run, so {@code seconds} must exceed {@code httpSeconds + 5}.
 */
public final class BrowserCheckBench {

    private BrowserCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        int pool = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        HttpLoad http = args.length > 2 ? new HttpLoad(args[2], Integer.parseInt(args[3])) : null;
        Duration httpWindow = args.length > 4 ? Duration.ofSeconds(Integer.parseInt(args[4])) : Duration.ofSeconds(30);
        if (http != null && seconds <= httpWindow.toSeconds() + 5) {
            throw new IllegalArgumentException("seconds must exceed httpSeconds + 5");
        }
        HttpLoad.Figures httpAlone = null;
        if (http != null) {
            http.run(Duration.ofSeconds(5)); // warm-up: JIT, connection code paths
            httpAlone = http.run(httpWindow);
        }
        BrowserProperties defaults = BrowserProperties.defaults();
        BrowserProperties properties = new BrowserProperties(true, defaults.chromium(), defaults.chromedriver(), pool,
                defaults.stepTimeout(), defaults.killGrace(), defaults.viewportWidth(), defaults.viewportHeight());
        BrowserCheckExecutor executor = new BrowserCheckExecutor(TestJobs.localGuard(), properties);
        try (LoginApp app = new LoginApp()) {
            BrowserCheck check = new BrowserCheck(List.of(
                    new BrowserStep(Action.GOTO, null, app.base() + "/login", null),
                    new BrowserStep(Action.FILL, "#user", LoginApp.USER, null),
                    new BrowserStep(Action.FILL, "#password", LoginApp.PASSWORD, null),
                    new BrowserStep(Action.CLICK, "#submit", null, null),
                    new BrowserStep(Action.WAIT_FOR_URL, null, "/dashboard", null),
                    new BrowserStep(Action.ASSERT_TEXT, "#welcome", "Welcome, Ada", null)));
            LongAdder ok = new LongAdder();
            LongAdder failed = new LongAdder();
            long startTicks = treeTicks();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < pool; i++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        CheckOutcome outcome = executor.execute(TestJobs.job(check, 120_000));
                        (outcome.ok() ? ok : failed).increment();
                        if (!outcome.ok() && failed.sum() == 1) {
                            System.err.println("first failure: " + outcome.message());
                        }
                    }
                }));
            }
            HttpLoad.Figures[] httpBeside = new HttpLoad.Figures[1];
            Thread httpRun = http == null ? null : Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(5000);
                    httpBeside[0] = http.run(httpWindow);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            double peakRss = 0;
            double sumRss = 0;
            int samples = 0;
            while (workers.stream().anyMatch(Thread::isAlive)) {
                double rss = treeRssMb();
                peakRss = Math.max(peakRss, rss);
                sumRss += rss;
                samples++;
                Thread.sleep(200);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (treeTicks() - startTicks) / 100.0;
            long checks = ok.sum() + failed.sum();
            System.out.printf("engine=vigil-browser pool=%d checks=%d failed=%d seconds=%.0f checks_per_min=%.1f "
                            + "cpu_s=%.1f cpu_s_per_check=%.2f rss_peak_mb=%.0f rss_mean_mb=%.0f%n", pool, checks,
                    failed.sum(), elapsed, checks * 60 / elapsed, cpu, checks == 0 ? 0 : cpu / checks, peakRss,
                    samples == 0 ? 0 : sumRss / samples);
            if (http != null) {
                httpRun.join();
                System.out.println(httpAlone.line("none"));
                System.out.println(httpBeside[0].line("browsers-pool-" + pool));
            }
        }
    }

    /** This JVM and every process under it. */
    private static List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(all::add);
        return all;
    }

    private static double treeRssMb() {
        double kb = 0;
        for (ProcessHandle p : tree()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (Exception e) {
                // the process ended meanwhile
            }
        }
        return kb / 1024;
    }

    /** CPU ticks (user + system, 1/100 s) of the tree, including children already reaped (cutime, cstime). */
    private static long treeTicks() {
        long ticks = 0;
        for (ProcessHandle p : tree()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (p.pid() == ProcessHandle.current().pid()) {
                    ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                }
            } catch (Exception e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }
}
