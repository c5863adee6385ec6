package dev.vigil.probe.check.browser;

import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.message.SyntheticRun;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs a BROWSER check: waits for a place in this probe's browser pool ({@code max-concurrent}, default 1), starts a
 * fresh Chromium behind a {@link GuardedProxy}, carries out the steps in order (each within its own timeout and what
 * is left of the job's), and reads the page's metrics, failed requests and console errors. When a step fails, the
 * page's screenshot and HTML go with the outcome. A run still going at the job's timeout plus a grace has its whole
 * process tree killed.
 */
@Component
@ConditionalOnProperty(name = "vigil.probe.browser.enabled", havingValue = "true", matchIfMissing = true)
public class BrowserCheckExecutor extends TypedCheckExecutor<BrowserCheck> {

    private static final Logger log = LoggerFactory.getLogger(BrowserCheckExecutor.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final TargetGuard guard;
    private final BrowserProperties properties;
    private final BrowserAvailability availability;
    private final Semaphore pool;
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("browser-killer").factory());

    /** Finds out at once (bounded subprocesses) whether Chromium and chromedriver are there and match. */
    @Autowired
    public BrowserCheckExecutor(TargetGuard guard, BrowserProperties properties) {
        this(guard, properties, BrowserAvailability.probe(properties.chromium(), properties.chromedriver(),
                BrowserAvailability.PROBE_TIMEOUT));
    }

    BrowserCheckExecutor(TargetGuard guard, BrowserProperties properties, BrowserAvailability availability) {
        super(MonitorType.BROWSER, BrowserCheck.class);
        this.guard = guard;
        this.properties = properties;
        this.availability = availability;
        this.pool = new Semaphore(properties.maxConcurrent(), true);
        if (availability.usable()) {
            log.info("browser checks offered chromium={} chromedriver={} maxConcurrent={}",
                    availability.chromiumVersion(), availability.driverVersion(), properties.maxConcurrent());
        } else {
            log.warn("browser checks not offered: {}", availability.reason());
        }
    }

    @Override
    public boolean available() {
        return availability.usable();
    }

    @Override
    protected CheckOutcome run(CheckJob job, BrowserCheck check, Stopwatch stopwatch) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(job.timeoutMs());
        try {
            if (!pool.tryAcquire(job.timeoutMs(), TimeUnit.MILLISECONDS)) {
                return CheckOutcome.failed(ErrorKind.INTERNAL, "no browser came free on this probe within the "
                        + "check's " + job.timeoutMs() + " ms timeout", stopwatch.elapsedMs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.failed(ErrorKind.INTERNAL, "interrupted", stopwatch.elapsedMs());
        }
        try (GuardedProxy proxy = new GuardedProxy(guard)) {
            return runInBrowser(job, check, proxy, deadline);
        } catch (IOException e) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "the browser could not start: " + e.getMessage(),
                    stopwatch.elapsedMs());
        } finally {
            pool.release();
        }
    }

    private CheckOutcome runInBrowser(CheckJob job, BrowserCheck check, GuardedProxy proxy, long deadline)
            throws IOException {
        long started = System.nanoTime();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> hardTimeout = new AtomicReference<>();
        BrowserSession session;
        try {
            // The hard timeout is armed as soon as chromedriver runs, so it also ends a Chromium hung at start.
            session = BrowserSession.start(properties, proxy.address(), START_TIMEOUT, driver -> {
                long killAfter = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())
                        + properties.killGrace().toMillis();
                hardTimeout.set(killer.schedule(() -> {
                    killed.set(true);
                    log.warn("browser check outlived its timeout, killing its browser job={}", job.jobId());
                    BrowserSession.kill(driver);
                }, Math.max(killAfter, 1), TimeUnit.MILLISECONDS));
            });
        } catch (RuntimeException e) {
            // Selenium's own (WebDriverException), or its HTTP client's when the hard timeout killed chromedriver.
            cancel(hardTimeout.get());
            log.warn("browser did not start job={} killed={} error={}", job.jobId(), killed.get(), e.toString());
            return killed.get()
                    ? CheckOutcome.failed(ErrorKind.TIMEOUT, "the browser was killed after the check's "
                            + job.timeoutMs() + " ms timeout while it was still starting", elapsed(started))
                    : CheckOutcome.failed(ErrorKind.INTERNAL, "the browser could not start", elapsed(started));
        }
        try {
            ChromeDriver driver = session.driver();
            // The browser's own start-up requests (component updates, a search engine's preconnect) are refused or
            // fail like any other, but they are not the page's: failures count from the first step on.
            proxy.startRecording();
            StepRunner runner = new StepRunner(driver);
            List<SyntheticRun.StepRun> runs = new ArrayList<>();
            Integer failedStep = null;
            String failure = null;
            ErrorKind error = null;
            for (int i = 0; i < check.steps().size(); i++) {
                BrowserStep step = check.steps().get(i);
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                long stepStart = System.nanoTime();
                String message = null;
                if (remaining <= 0) {
                    message = "no time left of the check's " + job.timeoutMs() + " ms timeout";
                    error = ErrorKind.TIMEOUT;
                } else {
                    Duration timeout = Duration.ofMillis(Math.min(remaining, step.timeoutMs() == null
                            ? properties.stepTimeout().toMillis() : step.timeoutMs()));
                    try {
                        runner.run(step, timeout);
                    } catch (StepRunner.StepFailed e) {
                        message = killed.get() ? "the browser was killed after the check's timeout" : e.getMessage();
                        error = killed.get() || e.timedOut() ? ErrorKind.TIMEOUT : ErrorKind.ASSERTION;
                    }
                }
                runs.add(new SyntheticRun.StepRun(i, label(step), message == null, elapsed(stepStart), null,
                        PhaseTimings.NONE, message, List.of(), List.of()));
                if (message != null) {
                    failedStep = i;
                    failure = "step " + (i + 1) + " (" + label(step) + "): " + message;
                    break;
                }
            }
            PageProbe.Reading page = killed.get() ? new PageProbe.Reading(null, List.of(), List.of())
                    : PageProbe.read(driver);
            CheckOutcome.Artifacts artifacts = failedStep == null || killed.get() ? null : capture(driver);
            List<String> failedRequests = new ArrayList<>(proxy.failures());
            failedRequests.addAll(page.failedResponses());
            SyntheticRun synthetic = new SyntheticRun(runs, failedStep, page.metrics(), page.consoleErrors(),
                    failedRequests, artifacts != null);
            long total = elapsed(started);
            if (failedStep == null) {
                boolean slow = CheckOutcome.isSlow(job, total);
                return new CheckOutcome(true, slow, total, PhaseTimings.NONE, null, null,
                        slow ? "slower than " + job.degradedAboveMs() + " ms: " + total + " ms" : null, List.of(),
                        List.of(), null, null, synthetic, null);
            }
            return new CheckOutcome(false, false, total, PhaseTimings.NONE, null, error, failure, List.of(),
                    List.of(), null, null, synthetic, artifacts);
        } finally {
            cancel(hardTimeout.get());
            session.close();
        }
    }

    private static void cancel(ScheduledFuture<?> hardTimeout) {
        if (hardTimeout != null) {
            hardTimeout.cancel(false);
        }
    }

    /** The page's screenshot (smaller when the full one would not fit in a message) and its HTML. */
    private CheckOutcome.Artifacts capture(ChromeDriver driver) {
        byte[] png = null;
        String html = null;
        try {
            png = driver.getScreenshotAs(OutputType.BYTES);
            if (png.length * 4L / 3 > CheckArtifacts.MAX_SCREENSHOT_CHARS) {
                for (double scale = 0.5; scale >= 0.125 && png != null
                        && png.length * 4L / 3 > CheckArtifacts.MAX_SCREENSHOT_CHARS; scale /= 2) {
                    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                            "format", "png", "clip", Map.of("x", 0, "y", 0, "width", properties.viewportWidth(),
                                    "height", properties.viewportHeight(), "scale", scale)));
                    png = Base64.getDecoder().decode(String.valueOf(shot.get("data")));
                }
            }
        } catch (WebDriverException | IllegalArgumentException e) {
            log.debug("no screenshot: {}", e.toString());
        }
        try {
            html = driver.getPageSource();
        } catch (WebDriverException e) {
            log.debug("no page source: {}", e.toString());
        }
        return png == null && html == null ? null : new CheckOutcome.Artifacts(png, html);
    }

    /** A step as results show it: never a filled-in value (it may be a password). */
    static String label(BrowserStep step) {
        String action = switch (step.action()) {
            case GOTO -> "goto";
            case CLICK -> "click";
            case FILL -> "fill";
            case PRESS -> "press";
            case SELECT -> "select";
            case WAIT_FOR_SELECTOR -> "waitForSelector";
            case WAIT_FOR_URL -> "waitForUrl";
            case ASSERT_TEXT -> "assertText";
            case ASSERT_VISIBLE -> "assertVisible";
            case ASSERT_TITLE -> "assertTitle";
        };
        return switch (step.action()) {
            case GOTO, WAIT_FOR_URL, ASSERT_TITLE -> action + " " + step.value();
            case PRESS -> action + " " + step.value() + (step.selector() == null ? "" : " on " + step.selector());
            case ASSERT_TEXT -> action + " " + step.selector() + " \"" + step.value() + "\"";
            default -> action + " " + step.selector();
        };
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
