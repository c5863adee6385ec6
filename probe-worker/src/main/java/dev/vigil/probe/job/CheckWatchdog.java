package dev.vigil.probe.job;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Abandons a check that outlives its timeout plus a grace, whatever it is stuck in (a pattern, a target trickling
 * bytes past a client's timeouts, a plugin that ignores its own). Each executor honours the job's timeout; this is
 * the backstop for the one that does not, so one tenant's stuck check cannot hold a check slot for good.
 *
 * <ol>
 *   <li>The check runs on a virtual thread of its own; the caller (holding the slot) waits for it at most the job's
 *       timeout plus {@code grace}.</li>
 *   <li>Past that, the check is recorded as a TIMEOUT and the caller returns, so its slot is freed.</li>
 *   <li>The check's thread is interrupted: blocking socket I/O on a virtual thread and process waits end on it (a
 *       plugin's process tree is then killed). Code that ignores interrupts runs on, no longer holding a slot, and is
 *       counted in {@code vigil.probe.checks.abandoned.running} until it ends.</li>
 * </ol>
 */
final class CheckWatchdog {

    private static final Logger log = LoggerFactory.getLogger(CheckWatchdog.class);

    private final Duration grace;
    private final ProbeMetrics metrics;

    CheckWatchdog(Duration grace, ProbeMetrics metrics) {
        this.grace = grace;
        this.metrics = metrics;
    }

    /** The check's outcome, or a TIMEOUT outcome when it did not finish within its timeout plus the grace. */
    CheckOutcome run(CheckJob job, Function<CheckJob, CheckOutcome> check) throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<CheckOutcome> done = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("check-" + job.jobId()).start(() -> {
            try {
                done.complete(check.apply(job));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                if (done.isCancelled()) {
                    metrics.abandonedEnded();
                }
            }
        });
        Duration limit = Duration.ofMillis(job.timeoutMs()).plus(grace);
        try {
            return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Cancel first: the finally above then knows the check was abandoned, whichever ends first.
            if (!done.cancel(false)) {
                return done.resultNow();
            }
            metrics.abandoned(job.check().type());
            thread.interrupt();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            log.warn("check abandoned by the watchdog job={} monitor={} workspace={} type={} timeoutMs={} graceMs={}",
                    job.jobId(), job.monitorId(), job.workspaceId(), job.check().type(), job.timeoutMs(),
                    grace.toMillis());
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "the check did not finish within its timeout of "
                    + job.timeoutMs() + " ms and was abandoned", elapsed);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // The worker is stopping: the check stops with it.
            thread.interrupt();
            throw e;
        }
    }
}
