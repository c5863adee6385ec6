package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.http.TestExecutors;
import dev.vigil.probe.support.Eventually;
import dev.vigil.probe.support.HostileTargets;
import dev.vigil.probe.support.TestJobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CheckWatchdogTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProbeMetrics metrics = new ProbeMetrics(meters);
    private final CheckWatchdog watchdog = new CheckWatchdog(Duration.ofMillis(300), metrics);

    @Test
    void aCheckStuckReadingASilentTargetIsRecordedAsATimeoutAndStopped() throws Exception {
        try (HostileTargets silent = HostileTargets.silent()) {
            CheckJob job = TestJobs.job(new TcpCheck("127.0.0.1", silent.port()), 500);
            long start = System.nanoTime();

            // An executor that forgot its timeout: it blocks on a read the target never answers.
            CheckOutcome outcome = watchdog.run(job, j -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), silent.port())) {
                    socket.getInputStream().read();
                    return CheckOutcome.up(j, 0, null, "answered");
                } catch (IOException e) {
                    return CheckOutcome.failed(ErrorKind.CONNECTION, e.getMessage(), 0);
                }
            });

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(outcome.message()).isEqualTo("the check did not finish within its timeout of 500 ms and was "
                    + "abandoned");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofSeconds(3));
            assertThat(meters.counter("vigil.probe.checks.abandoned", "type", "TCP").count()).isEqualTo(1);
            // The interrupt closed the stuck socket: the check's thread ended and the target saw the connection go.
            assertThat(Eventually.within(Duration.ofSeconds(5),
                    () -> metrics.abandonedRunning() == 0 && silent.open() == 0)).isTrue();
        }
    }

    @Test
    void aCheckThatIgnoresInterruptsStillFreesItsCallerAndIsCountedUntilItEnds() throws Exception {
        CheckJob job = TestJobs.job(new TcpCheck("127.0.0.1", 9), 200);
        AtomicBoolean release = new AtomicBoolean();

        CheckOutcome outcome = watchdog.run(job, j -> {
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return CheckOutcome.up(j, 0, null, "late");
        });

        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(metrics.abandonedRunning()).isEqualTo(1);
        release.set(true);
        assertThat(Eventually.within(Duration.ofSeconds(5), () -> metrics.abandonedRunning() == 0)).isTrue();
    }

    @Test
    void aTricklingTargetEndsWithinTheTimeoutPlusGrace() throws Exception {
        try (HostileTargets trickle = HostileTargets.trickling(100)) {
            CheckJob job = TestJobs.job(HttpCheck.get(trickle.url()), 1000);
            CheckExecutor http = TestExecutors.http();
            long start = System.nanoTime();

            CheckOutcome outcome = watchdog.run(job, http::execute);

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
            // The timeout plus the grace, and slack for a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000 + 300 + 1000));
        }
    }

    @Test
    void aCheckThatFinishesInTimeKeepsItsOwnOutcome() throws Exception {
        CheckJob job = TestJobs.job(new TcpCheck("127.0.0.1", 9), 1000);

        CheckOutcome outcome = watchdog.run(job, j -> CheckOutcome.up(j, 3, null, "fine"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.message()).isEqualTo("fine");
        assertThat(metrics.abandonedRunning()).isZero();
    }
}
