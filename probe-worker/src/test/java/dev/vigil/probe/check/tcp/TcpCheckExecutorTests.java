package dev.vigil.probe.check.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** TCP checks against real loopback sockets. */
class TcpCheckExecutorTests {

    private final TcpCheckExecutor executor = new TcpCheckExecutor(new Connector(TestJobs.localGuard()));

    @Test
    void anOpenPortIsUpWithConnectAndDnsTimings() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckOutcome outcome = executor.execute(TestJobs.job(new TcpCheck("localhost", server.getLocalPort()),
                    2000));

            assertThat(outcome.ok()).isTrue();
            assertThat(outcome.timings().dnsMs()).isNotNull();
            assertThat(outcome.timings().connectMs()).isNotNull();
            assertThat(outcome.message()).contains("connected to 127.0.0.1");
        }
    }

    @Test
    void aClosedPortIsDown() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }

        CheckOutcome outcome = executor.execute(TestJobs.job(new TcpCheck("127.0.0.1", port), 2000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        CheckOutcome outcome = executor.execute(TestJobs.job(new TcpCheck("no-such-host.invalid", 80), 2000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.DNS);
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedInSaasMode() throws IOException {
        TcpCheckExecutor saas = new TcpCheckExecutor(new Connector(TestJobs.saasGuard()));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckOutcome outcome = saas.execute(TestJobs.job(new TcpCheck("localhost", server.getLocalPort()), 2000));

            assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
            assertThat(outcome.message()).contains("localhost");
        }
    }
}
