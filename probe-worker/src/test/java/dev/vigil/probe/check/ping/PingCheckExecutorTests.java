package dev.vigil.probe.check.ping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.PingCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PING checks running iputils' ping (Debian iputils-ping, in .ci/run) against loopback. */
class PingCheckExecutorTests {

    private static final PingCheckExecutor LOCAL = new PingCheckExecutor(TestJobs.localGuard(),
            PingProperties.defaults());

    @Test
    void loopbackAnswersEveryPacketWithRoundTripsAsPerfData() {
        CheckOutcome outcome = LOCAL.execute(TestJobs.job(new PingCheck("127.0.0.1", 3, 0), 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("3/3 replies (0% loss)").contains("rtt min/avg/max");
        assertThat(outcome.perfData()).extracting(PerfDatum::label)
                .containsExactly("packet_loss", "rtt_min", "rtt_avg", "rtt_max");
        assertThat(outcome.perfData().getFirst().value()).isZero();
    }

    @Test
    void everyRunReadsPingsSummary() {
        // Regression: destroying the ended process closed its pipe before the summary was read (a third of runs).
        for (int i = 0; i < 15; i++) {
            CheckOutcome outcome = LOCAL.execute(TestJobs.job(new PingCheck("127.0.0.1", 1, 0), 5000));

            assertThat(outcome.ok()).as("run %d: %s", i, outcome.message()).isTrue();
        }
    }

    @Test
    void aNameIsResolvedByTheGuardAndPingGetsTheAddress() {
        CheckOutcome outcome = LOCAL.execute(TestJobs.job(new PingCheck("localhost", 1, 0), 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("localhost (").contains("1/1 replies");
        assertThat(outcome.timings().dnsMs()).isNotNull();
    }

    @Test
    void loopbackIsRefusedInSaasModeBeforePingRuns() {
        PingCheckExecutor saas = new PingCheckExecutor(TestJobs.saasGuard(), PingProperties.defaults());

        CheckOutcome outcome = saas.execute(TestJobs.job(new PingCheck("127.0.0.1", 1, 0), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outcome.perfData()).isEmpty();
    }

    @Test
    void theMetadataAddressIsRefusedEvenInLocalMode() {
        CheckOutcome outcome = LOCAL.execute(TestJobs.job(new PingCheck("169.254.169.254", 1, 0), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }

    @Test
    void theCommandIsFixedAndEndsWithTheNumericAddress() throws Exception {
        assertThat(PingProcess.command(Path.of("/usr/bin/ping"), InetAddress.getByName("::1"), 4,
                Duration.ofMillis(2500)))
                .containsExactly("/usr/bin/ping", "-6", "-n", "-q", "-c", "4", "-i", "0.2", "-W", "2", "-w", "2",
                        "0:0:0:0:0:0:0:1");
    }

    @Test
    void lossAboveTheLimitIsDownAndNoReplyIsATimeout() {
        PingProcess.Run partial = new PingProcess.Run(0, """
                4 packets transmitted, 2 received, 50% packet loss, time 603ms
                rtt min/avg/max/mdev = 10.0/12.0/14.0/1.0 ms
                """);
        PingProcess.Run none = new PingProcess.Run(1, "3 packets transmitted, 0 received, 100% packet loss\n");

        CheckOutcome lossy = PingCheckExecutor.judge(TestJobs.job(new PingCheck("192.0.2.1", 4, 25), 5000),
                new PingCheck("192.0.2.1", 4, 25), "192.0.2.1", partial, 0, 700);
        CheckOutcome tolerated = PingCheckExecutor.judge(TestJobs.job(new PingCheck("192.0.2.1", 4, 50), 5000),
                new PingCheck("192.0.2.1", 4, 50), "192.0.2.1", partial, 0, 700);
        CheckOutcome silent = PingCheckExecutor.judge(TestJobs.job(new PingCheck("192.0.2.1", 3, 99), 5000),
                new PingCheck("192.0.2.1", 3, 99), "192.0.2.1", none, 0, 3000);

        assertThat(lossy.ok()).isFalse();
        assertThat(lossy.message()).contains("above 25%").contains("2/4 replies (50% loss)");
        assertThat(tolerated.ok()).isTrue();
        assertThat(tolerated.latencyMs()).isEqualTo(12);
        assertThat(silent.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(silent.message()).contains("no reply from 192.0.2.1");
    }
}
